import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const webDir = fileURLToPath(new URL('../..', import.meta.url));
const lockDir = join(webDir, 'dist.lock');

/** The newest modification time under a folder. */
function newest(dir: string): number {
  let max = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const st = statSync(path);
    max = Math.max(max, st.isDirectory() ? newest(path) : st.mtimeMs);
  }
  return max;
}

function fresh(): boolean {
  const widget = join(webDir, 'dist/widget.js');
  if (!existsSync(widget) || !existsSync(join(webDir, 'dist/console/index.html'))) return false;
  // The bundles carry the SDK and the protocol too: a change there needs a build as much as one here.
  const sources = [join(webDir, 'src'), join(webDir, '../sdk/src'), join(webDir, '../protocol/src')];
  return statSync(widget).mtimeMs >= Math.max(...sources.map(newest));
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * The server serves the widget and the console from packages/web/dist: build them when they are
 * missing or older than the sources. Test files run in parallel processes; a lock folder makes one
 * build while the others wait (a build empties dist/ first, so nobody serves from it meanwhile).
 */
export function ensureWebBuild(): void {
  const until = Date.now() + 180_000;
  for (;;) {
    if (fresh()) return;
    try {
      mkdirSync(lockDir);
    } catch {
      if (Date.now() > until) throw new Error(`waited too long for ${lockDir}; remove it if no build runs`);
      sleep(250);
      continue;
    }
    try {
      if (!fresh()) execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: webDir, stdio: 'inherit' });
    } finally {
      rmSync(lockDir, { recursive: true, force: true });
    }
    return;
  }
}
