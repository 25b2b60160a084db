import { spawn } from 'node:child_process';

export interface ExampleRun {
  code: number | null;
  output: string;
}

/** Runs an example's command as a real process; resolves with its exit code and output. */
export function runExample(command: string, args: string[], env: Record<string, string>, timeoutMs = 120_000): Promise<ExampleRun> {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}
