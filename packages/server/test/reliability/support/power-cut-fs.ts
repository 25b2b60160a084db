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

/**
 * `support/power-cut-fs.py` mounted on `<root>/mnt` over the "disk" `<root>/disk`: writes stay in
 * the file system's memory until fsync'd. `cut()` kills it (everything unsynced is gone, at once);
 * `reboot()` mounts the disk again. The mount is lazily unmounted on every path out, even when this
 * process dies (the Python side watches its stdin, and an exit hook unmounts a dead mount).
 */
export class PowerCutFs {
  readonly mountpoint: string;
  readonly disk: string;
  #child: ChildProcess | undefined;
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
    let output = '';
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`power-cut-fs did not mount:\n${output}`)), 15_000);
      child.stdout.on('data', (d: Buffer) => {
        output += d.toString();
        if (output.includes('ready')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`power-cut-fs exited with ${code}:\n${output}`));
      });
    });
  }

  /** The power cut: every write not fsync'd, every name change not committed by a folder fsync, is lost now. */
  cut(): void {
    this.#child?.kill('SIGKILL');
  }

  /** After a cut: the dead mount goes, the disk is mounted again as it was left. */
  async reboot(): Promise<void> {
    await this.#exited;
    this.#umount();
    await this.#start();
  }

  /** Unmounts (unsynced writes are dropped, like a cut). Safe to call in any state. */
  async unmount(): Promise<void> {
    this.cut();
    await this.#exited;
    this.#umount();
    process.removeListener('exit', this.#onExit);
  }

  #umount(): void {
    // Lazy: a process still holding a file on the dead mount must not keep it mounted.
    spawnSync('umount', ['-l', this.mountpoint], { stdio: 'ignore' });
  }
}
