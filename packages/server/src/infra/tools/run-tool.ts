import { spawn } from 'node:child_process';

export interface RunResult {
  code: number | null;
  stdout: Buffer;
}

/**
 * Runs an outside tool (ffmpeg, ffprobe, pdftoppm) the one way the server does: arguments as an
 * array (never a shell), stdin closed, stderr dropped, killed at the deadline or as soon as its stdout
 * passes `maxOutput` bytes (a hostile file cannot make it fill memory).
 */
export function runTool(cmd: string, args: readonly string[], timeoutMs: number, maxOutput = 4 * 1024 * 1024): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'ignore'], shell: false });
    const chunks: Buffer[] = [];
    let size = 0;
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxOutput) child.kill('SIGKILL');
      else chunks.push(chunk);
    });
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(chunks) });
    });
  });
}

/** Whether a tool starts and exits 0 with `args` (a version flag); a missing binary is `false`. */
export function toolRuns(cmd: string, args: readonly string[]): Promise<boolean> {
  return runTool(cmd, args, 10_000).then(
    (r) => r.code === 0,
    () => false,
  );
}
