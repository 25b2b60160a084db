// Starts a server under test as its own process, pinned to one core, and stops it again.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pinned } from './pinning.js';
import type { TargetName } from './args.js';

export const RELAY_ENTRY = 'bench/src/baseline/relay-server.ts';
export const PARLEY_ENTRY = 'packages/server/src/main.ts';

export interface ServerHandle {
  target: TargetName;
  pid: number;
  port: number;
  adminKey: string;
  /** The last lines the server printed, for error messages. */
  tail(): string;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Repository root: where the entry files are resolved and the process runs. */
  root: string;
  cpu: number;
  readyTimeoutMs: number;
  /** Parley's data folder (see `ServerData`); a restart on the same folder keeps users and tokens. */
  data: ServerData;
  /** Which node of a cluster (0, 1…): each has its own data folder (media) beside the first. */
  node?: number;
  /** Extra flags for the server's node process (profiling). */
  nodeArgs?: string[];
}

/** What a server keeps across restarts within one scenario: its data, admin key and environment. */
export interface ServerData {
  dataDir: string;
  adminKey: string;
  /** A scratch file beside the data folder, for the load generator's state between steps. */
  stateFile: string;
  /** Extra environment of every node: PostgreSQL URL (with its schema), Redis URL and prefix. */
  env: Record<string, string>;
  /** Data outside the folder (a PostgreSQL schema) is shared by copies, not duplicated. */
  external: boolean;
  remove(): Promise<void>;
}

/** A fresh, empty temporary data folder and a new admin key; `dropExternal` cleans what lives elsewhere. */
export function freshData(env: Record<string, string> = {}, dropExternal?: () => Promise<void>): ServerData {
  const base = mkdtempSync(join(tmpdir(), 'parley-bench-'));
  return {
    dataDir: join(base, 'data'),
    adminKey: `bench-admin-${randomBytes(16).toString('hex')}`,
    stateFile: join(base, 'state.json'),
    env,
    external: dropExternal !== undefined,
    remove: async () => {
      rmSync(base, { recursive: true, force: true });
      await dropExternal?.().catch(() => undefined);
    },
  };
}

/**
 * A copy of `template`'s data folder (same admin key, state file and environment) for one run. A
 * PostgreSQL schema is not copied: runs on it share the template's schema (and its earlier runs' rows).
 */
export function copyData(template: ServerData): ServerData {
  const base = mkdtempSync(join(tmpdir(), 'parley-bench-'));
  const dataDir = join(base, 'data');
  if (existsSync(template.dataDir)) cpSync(template.dataDir, dataDir, { recursive: true });
  return {
    ...template,
    dataDir,
    remove: () => Promise.resolve(rmSync(base, { recursive: true, force: true })),
  };
}

/** A free loopback port (asked of the kernel, then released). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function keepTail(child: ChildProcess, lines: string[], onLine: (line: string) => void): void {
  const take = (chunk: Buffer): void => {
    for (const line of chunk.toString().split('\n')) {
      if (!line) continue;
      lines.push(line);
      if (lines.length > 40) lines.shift();
      onLine(line);
    }
  };
  child.stdout?.on('data', take);
  child.stderr?.on('data', take);
}

function waitExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

async function healthy(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}

export function parleyAvailable(root: string): boolean {
  return existsSync(join(root, PARLEY_ENTRY));
}

/**
 * Starts the baseline relay or a Parley node (SQLite in `opts.data.dataDir`, or what `opts.data.env`
 * selects) and resolves once it is ready: the relay prints `listening <port>`; Parley answers
 * `GET /healthz` with 200.
 */
export async function startServer(target: TargetName, opts: StartOptions): Promise<ServerHandle> {
  const port = await freePort();
  const { adminKey } = opts.data;
  const dataDir = opts.node ? `${opts.data.dataDir}-node${opts.node}` : opts.data.dataDir;
  const parley = target !== 'baseline';
  const entry = parley ? PARLEY_ENTRY : RELAY_ENTRY;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    NODE_ENV: 'production',
    PARLEY_DATA_DIR: dataDir,
    PARLEY_ADMIN_KEY: adminKey,
    // Flood limits off: one loopback IP and one admin key stand for thousands of users here.
    PARLEY_RATE_HTTP_PER_IP: '0',
    PARLEY_RATE_HTTP_PER_USER: '0',
    PARLEY_RATE_WS_FRAMES: '0',
    ...opts.data.env,
  };
  // PARLEY_BENCH_NODE_ARGS passes flags to the server under test, e.g. `--cpu-prof --cpu-prof-dir=prof`.
  const nodeArgs = parley ? [...(process.env.PARLEY_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean), ...(opts.nodeArgs ?? [])] : [];
  const [cmd, ...args] = pinned(opts.cpu, [process.execPath, ...nodeArgs, '--conditions=source', '--import', 'tsx', entry]);
  const child = spawn(cmd!, args, { cwd: opts.root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let listening = false;
  keepTail(child, lines, (line) => {
    if (/^listening \d+/.test(line)) listening = true;
  });

  const handle: ServerHandle = {
    target,
    pid: child.pid ?? -1,
    port,
    adminKey,
    tail: () => lines.join('\n'),
    stop: async () => {
      child.kill('SIGTERM');
      if (!(await waitExit(child, 5000))) {
        child.kill('SIGKILL');
        await waitExit(child, 2000);
      }
    },
  };

  const deadline = Date.now() + opts.readyTimeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) break;
    if (!parley ? listening : await healthy(`http://127.0.0.1:${port}/healthz`)) return handle;
    await sleep(100);
  }
  await handle.stop();
  throw new Error(`${target} server did not become ready (exit ${child.exitCode}):\n${handle.tail()}`);
}
