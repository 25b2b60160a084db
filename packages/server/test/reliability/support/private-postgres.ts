import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../helpers/tcp-proxy.js';

const run = promisify(execFile);

/**
 * A PostgreSQL server of its own (initdb + pg_ctl in a temp folder, an ephemeral port), for runs that
 * stop and restart the database: never the machine's shared server, which other suites use.
 * As root the server runs as the `postgres` user (PostgreSQL refuses to run as root).
 */
export class PrivatePostgres {
  private constructor(
    private readonly bin: string,
    private readonly dir: string,
    readonly port: number,
    private readonly user: { uid: number; gid: number } | undefined,
  ) {}

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  private get data(): string {
    return join(this.dir, 'data');
  }

  static async create(): Promise<PrivatePostgres> {
    const bin = postgresBin();
    if (!bin) throw new Error('PostgreSQL server binaries (initdb, pg_ctl) not found; set PARLEY_PG_BINDIR');
    const dir = await mkdtemp(join(tmpdir(), 'parley-private-pg-'));
    const user = process.getuid?.() === 0 ? await postgresUser() : undefined;
    if (user) await chown(dir, user.uid, user.gid);
    const pg = new PrivatePostgres(bin, dir, await freePort(), user);
    await pg.tool('initdb', ['-D', pg.data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
    await pg.start();
    return pg;
  }

  /** Starts the server (again) on its port; resolves once it accepts connections. */
  async start(): Promise<void> {
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c max_connections=100`;
    await this.tool('pg_ctl', ['-D', this.data, '-o', options, '-l', join(this.dir, 'log'), '-w', '-t', '60', 'start']);
  }

  /**
   * Stops it: `immediate` is a crash (every backend killed, WAL replayed at the next start), `fast`
   * an orderly shutdown that still cuts every client connection.
   */
  async stop(mode: 'immediate' | 'fast'): Promise<void> {
    await this.tool('pg_ctl', ['-D', this.data, '-m', mode, '-w', '-t', '60', 'stop']);
  }

  async remove(): Promise<void> {
    await this.stop('immediate').catch(() => {});
    await rm(this.dir, { recursive: true, force: true });
  }

  private async tool(name: string, args: string[]): Promise<void> {
    try {
      await run(join(this.bin, name), args, { cwd: this.dir, ...(this.user ?? {}) });
    } catch (err) {
      const { stdout = '', stderr = '' } = err as { stdout?: string; stderr?: string };
      throw new Error(`${name} ${args.join(' ')} failed: ${stderr || stdout || String(err)}`);
    }
  }
}

/** Why a private PostgreSQL cannot be started here, or undefined when it can. */
export function privatePostgresMissing(): string | undefined {
  return postgresBin() ? undefined : 'PostgreSQL server binaries (initdb, pg_ctl) not found; set PARLEY_PG_BINDIR';
}

/** `PARLEY_PG_BINDIR`, else the newest /usr/lib/postgresql/<version>/bin (Debian's layout). */
function postgresBin(): string | undefined {
  const configured = process.env.PARLEY_PG_BINDIR;
  if (configured) return configured;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : join(root, versions[0], 'bin');
}

async function postgresUser(): Promise<{ uid: number; gid: number }> {
  const id = async (flag: string) => Number((await run('id', [flag, 'postgres'])).stdout.trim());
  return { uid: await id('-u'), gid: await id('-g') };
}
