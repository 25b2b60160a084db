import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SOURCE_ENTRY = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
export const BIN = fileURLToPath(new URL('../../bin/parley.js', import.meta.url));
export const DIST_ENTRY = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `parley …` as a real process: the installed command (`bin/parley.js`, the built dist; CI
 * builds before testing, run `npm run build` after changing the server) by default, or from source
 * (tsx, slower) with `fromSource`. The environment is the test's, plus `env`.
 */
export function runParley(args: string[], env: Record<string, string>, opts: { fromSource?: boolean; timeoutMs?: number } = {}): Promise<CliResult> {
  const argv = opts.fromSource ? ['--conditions=source', '--import', 'tsx', SOURCE_ENTRY, ...args] : [BIN, ...args];
  const child = spawn(process.execPath, argv, {
    env: { ...process.env, PARLEY_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`parley ${args.join(' ')} timed out\n${stdout}\n${stderr}`));
    }, opts.timeoutMs ?? 60_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Builds the workspace (tsc -b) when the server's dist is missing, so the installed command can run. */
/** What the built examples run: the server's entry and the SDK's (examples import `@parley/sdk`). */
const BUILT = [DIST_ENTRY, join(REPO_ROOT, 'packages/sdk/dist/index.js')];

export async function ensureBuilt(): Promise<void> {
  if (BUILT.every((file) => existsSync(file))) return;
  const child = spawn('npm', ['run', 'build', '--silent'], { cwd: REPO_ROOT, stdio: 'inherit' });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0 || !BUILT.every((file) => existsSync(file))) throw new Error('npm run build failed; the parley command and the examples run from dist');
}
