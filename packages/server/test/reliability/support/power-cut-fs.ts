import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('./power-cut-fs.py', import.meta.url));
/** Debian's interpreter: python3-fusepy is installed for it, not for another python3 on the PATH. */
const PYTHON = '/usr/bin/python3';

function isSet(value: string | undefined): boolean {
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}

/**
 * Why the power-loss suite cannot run here (no /dev/fuse, no python3-fusepy, no umount), or false
 * when it can. With `CI` or `PARLEY_REQUIRE_SERVICES` set a missing piece throws instead: CI
 * installs python3-fusepy and fuse3 (`.ci/run`), so the suite never skips there.
 */
export function powerCutFsSkip(): string | false {
  const missing: string[] = [];
  if (!existsSync('/dev/fuse')) missing.push('/dev/fuse');
  if (spawnSync(PYTHON, ['-c', 'import fusepy'], { stdio: 'ignore' }).status !== 0) missing.push(`python3-fusepy for ${PYTHON}`);
  if (spawnSync('umount', ['--version'], { stdio: 'ignore' }).status !== 0) missing.push('umount');
  if (missing.length === 0) return false;
  const reason = `the power-cut file system needs ${missing.join(', ')} (apt-get install python3-fusepy fuse3)`;
  if (isSet(process.env.CI) || isSet(process.env.PARLEY_REQUIRE_SERVICES)) throw new Error(`${reason}, and CI / PARLEY_REQUIRE_SERVICES requires it`);
  return reason;
}

/** What was unsynced at a cut, and how much of it reached the disk anyway. */
export interface CutReport {
  pagesWritten: number;
  pagesUnsynced: number;
  namesCommitted: number;
  namesPending: number;
}

/**
 * `support/power-cut-fs.py` mounted on `<root>/mnt` over the "disk" `<root>/disk`: writes stay in
 * the file system's memory until fsync'd. `cut()` ends it (everything unsynced is gone, or a random
 * part of it reached the disk first); `reboot()` mounts the disk again. The mount is lazily
 * unmounted on every path out, even when this process dies (the Python side watches its stdin, and
 * an exit hook unmounts a dead mount).
 */
export class PowerCutFs {
  readonly mountpoint: string;
  readonly disk: string;
  #child: ChildProcess | undefined;
  /** What the current mount printed (and its errors). */
  #output = '';
  #exited: Promise<void> = Promise.resolve();
  readonly #onExit = (): void => {
    this.#child?.kill('SIGKILL');
    spawnSync('umount', ['-l', this.mountpoint], { stdio: 'ignore' });
  };

  private constructor(root: string) {
    this.mountpoint = join(root, 'mnt');
    this.disk = join(root, 'disk');
  }

  static async mount(root: string): Promise<PowerCutFs> {
    const fs = new PowerCutFs(root);
    await mkdir(fs.mountpoint, { recursive: true });
    await mkdir(fs.disk, { recursive: true });
    process.once('exit', fs.#onExit);
    await fs.#start();
    return fs;
  }

  async #start(): Promise<void> {
    const child = spawn(PYTHON, [SCRIPT, this.disk, this.mountpoint], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.#child = child;
    this.#exited = new Promise((resolve) => child.once('exit', () => resolve()));
    this.#output = '';
    child.stderr.on('data', (d: Buffer) => (this.#output += d.toString()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`power-cut-fs did not mount:\n${this.#output}`)), 15_000);
      child.stdout.on('data', (d: Buffer) => {
        this.#output += d.toString();
        if (this.#output.includes('ready')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`power-cut-fs exited with ${code}:\n${this.#output}`));
      });
    });
  }

  /**
   * The power cut, now. `p = 0`: every write not fsync'd, every name change not committed by a
   * folder fsync, is lost. `p > 0`: part of them had reached the disk first (a random prefix of the
   * name journal, each unsynced 4 KiB page with probability `p`), the rest is lost.
   */
  cut(p = 0): void {
    this.#child?.stdin?.write(`cut ${p}\n`);
  }

  /** After a cut: the dead mount goes, the disk is mounted again as it was left. Says what the cut found. */
  async reboot(): Promise<CutReport> {
    await this.#exited;
    const m = /cut pages=(\d+)\/(\d+) names=(\d+)\/(\d+)/.exec(this.#output);
    if (!m) throw new Error(`power-cut-fs did not report its cut:\n${this.#output}`);
    this.#umount();
    await this.#start();
    return { pagesWritten: Number(m[1]), pagesUnsynced: Number(m[2]), namesCommitted: Number(m[3]), namesPending: Number(m[4]) };
  }

  /** Unmounts (unsynced writes are dropped, like a cut). Safe to call in any state. */
  async unmount(): Promise<void> {
    this.#child?.kill('SIGKILL');
    await this.#exited;
    this.#umount();
    process.removeListener('exit', this.#onExit);
  }

  #umount(): void {
    // Lazy: a process still holding a file on the dead mount must not keep it mounted.
    spawnSync('umount', ['-l', this.mountpoint], { stdio: 'ignore' });
  }
}
