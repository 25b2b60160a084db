// Runs one load-generator process (bench/src/load/main.ts) pinned to the load core, and returns the
// result it printed.
import { spawn } from 'node:child_process';
import { RESULT_PREFIX } from '../load/config.js';
import type { LoadConfig } from '../load/config.js';
import { LOAD_CPU, pinned } from './pinning.js';

export const LOAD_ENTRY = 'bench/src/load/main.ts';

export function runLoad<R>(root: string, config: LoadConfig): Promise<R> {
  return new Promise((resolve, reject) => {
    const [cmd, ...args] = pinned(LOAD_CPU, [
      process.execPath,
      '--conditions=source',
      '--import',
      'tsx',
      LOAD_ENTRY,
      JSON.stringify(config),
    ]);
    const child = spawn(cmd!, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    // The load process bounds itself; this is the backstop should it hang regardless.
    const timer = setTimeout(() => child.kill('SIGKILL'), config.deadlineMs + 10_000);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      const line = stdout.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
      if (code === 0 && line) resolve(JSON.parse(line.slice(RESULT_PREFIX.length)) as R);
      else reject(new Error(`load generator failed (${signal ?? `exit ${code}`}): ${stderr.trim() || stdout.slice(-1000)}`));
    });
  });
}
