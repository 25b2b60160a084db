// Dead webhook endpoints against message throughput: a fresh Parley node (SQLite, pinned to core 0)
// per case, N endpoints (events `*`) that never answer (half refuse the connection, half accept and
// hang), then a fixed burst of REST sends; msgs/s, the server's CPU per message during the burst, the
// slowest /healthz during the burst and the connections the hanging endpoints saw. Two states of the
// dead endpoints: `fresh` (just registered, default settings: the burst meets them failing) and
// `paused` (dead for a while: a warm-up with PARLEY_WEBHOOK_PAUSE_AFTER_FAILURES=3 and a 1 s attempt
// timeout opened their circuits before the burst). Loopback only; every loop is bounded in count and time.
//
//   node --conditions=source --import tsx bench/src/webhooks/dead-endpoints.ts [--burst 4800] [--runs 3] [--dead 0,1,20] [--states fresh,paused]
import { createServer, type Server, type Socket } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ParleyAdmin } from '../load/targets/parley-admin.js';
import { readCpuMs } from '../load/proc-stats.js';
import { mapLimit } from '../load/map-limit.js';
import { freshData, startServer } from '../orchestrate/servers.js';
import { SERVER_CPU } from '../orchestrate/pinning.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

function flag(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1]! : fallback;
}

const BURST = Number(flag('burst', '4800'));
const RUNS = Number(flag('runs', '3'));
const DEAD = flag('dead', '0,1,20').split(',').map(Number);
const STATES = flag('states', 'fresh,paused').split(',') as State[];
type State = 'fresh' | 'paused';
/** How long the warm-up may take to see every dead endpoint paused. */
const WARMUP_DEADLINE_MS = 60_000;
/** Sends in flight (one per sender, each in its own chat). */
const SENDERS = 16;
/** A burst that takes longer than this is cut short (and reported as such). */
const BURST_DEADLINE_MS = 90_000;

/** A port that accepts connections and never answers: every attempt runs into the timeout. */
class Hang {
  attempts = 0;
  private readonly sockets = new Set<Socket>();
  private constructor(private readonly server: Server) {}
  static async start(): Promise<Hang> {
    const server = createServer();
    const hang = new Hang(server);
    server.on('connection', (s) => {
      hang.attempts++;
      hang.sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => hang.sockets.delete(s));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return hang;
  }
  get url(): string {
    const a = this.server.address();
    return `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}/hook`;
  }
  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}

/** A loopback port where nothing listens (taken and released): every attempt is refused at once. */
async function refusedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const a = server.address();
  const port = typeof a === 'object' && a ? a.port : 0;
  await new Promise<void>((r) => server.close(() => r()));
  return `http://127.0.0.1:${port}/hook`;
}

interface Case {
  dead: number;
  state: State | '-';
  cpuMsPerMsg: number;
  msgsPerSec: number;
  sent: number;
  failed: number;
  seconds: number;
  healthzMaxMs: number;
  hangAttempts: number;
}

async function runCase(dead: number, state: State | '-'): Promise<Case> {
  const env: Record<string, string> = { PARLEY_WEBHOOK_ALLOW_PRIVATE_URLS: 'true', PARLEY_LOG_LEVEL: 'warn' };
  if (state === 'paused') Object.assign(env, { PARLEY_WEBHOOK_PAUSE_AFTER_FAILURES: '3', PARLEY_WEBHOOK_TIMEOUT_MS: '1000' });
  const data = freshData(env);
  const server = await startServer('parley', { root, cpu: SERVER_CPU, readyTimeoutMs: 120_000, data });
  const hangs: Hang[] = [];
  try {
    const base = `http://127.0.0.1:${server.port}`;
    const admin = new ParleyAdmin(base, data.adminKey);
    const post = async (path: string, body: unknown, token = data.adminKey): Promise<Response> =>
      fetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
    for (let i = 0; i < dead; i++) {
      let url: string;
      if (i % 2 === 0) url = await refusedUrl();
      else {
        const h = await Hang.start();
        hangs.push(h);
        url = h.url;
      }
      const res = await post('/v1/admin/webhooks', { url, events: ['*'] });
      if (res.status !== 201) throw new Error(`endpoint: HTTP ${res.status} ${await res.text()}`);
    }
    const senders = await mapLimit(SENDERS, 4, async (i) => {
      const a = await admin.createUser(`sender ${i}`);
      const b = await admin.createUser(`peer ${i}`);
      return { token: await admin.issueToken(a, 3600), chatId: await admin.createChat('direct', [a, b]) };
    });

    if (state === 'paused') {
      // Warm-up: a few events reach every endpoint, whose failures then open their circuits.
      const s = senders[0]!;
      for (let i = 0; i < 5; i++) await post(`/v1/chats/${encodeURIComponent(s.chatId)}/messages`, { messageType: 'TEXT', content: { text: `warm-up ${i}` } }, s.token);
      const until = Date.now() + WARMUP_DEADLINE_MS;
      for (;;) {
        const res = await fetch(`${base}/v1/admin/webhooks`, { headers: { authorization: `Bearer ${data.adminKey}` }, signal: AbortSignal.timeout(10_000) });
        const { endpoints } = (await res.json()) as { endpoints: { health: { state: string } }[] };
        if (endpoints.every((e) => e.health.state === 'paused')) break;
        if (Date.now() > until) throw new Error(`warm-up: ${endpoints.filter((e) => e.health.state !== 'paused').length} endpoints not paused`);
        await new Promise((r) => setTimeout(r, 250));
      }
    }

    let healthzMaxMs = 0;
    let running = true;
    const probe = (async () => {
      while (running) {
        const t0 = performance.now();
        await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(10_000) }).then((r) => r.arrayBuffer()).catch(() => undefined);
        healthzMaxMs = Math.max(healthzMaxMs, performance.now() - t0);
        await new Promise((r) => setTimeout(r, 100));
      }
    })();

    let next = 0;
    let sent = 0;
    let failed = 0;
    const started = performance.now();
    const cpuBefore = readCpuMs(server.pid);
    const hangBefore = hangs.reduce((sum, h) => sum + h.attempts, 0);
    const deadline = started + BURST_DEADLINE_MS;
    await Promise.all(
      senders.map(async (s) => {
        while (next < BURST && performance.now() < deadline) {
          const n = next++;
          const res = await post(`/v1/chats/${encodeURIComponent(s.chatId)}/messages`, { messageType: 'TEXT', content: { text: `burst ${n}` } }, s.token).catch(() => null);
          if (res) await res.arrayBuffer();
          if (res?.status === 201) sent++;
          else failed++;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const cpuMsPerMsg = (readCpuMs(server.pid) - cpuBefore) / Math.max(1, sent);
    running = false;
    await probe;
    return { dead, state, cpuMsPerMsg, msgsPerSec: sent / seconds, sent, failed, seconds, healthzMaxMs, hangAttempts: hangs.reduce((sum, h) => sum + h.attempts, 0) - hangBefore };
  } finally {
    await server.stop();
    await Promise.all(hangs.map((h) => h.close()));
    await data.remove();
  }
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

const plan: { dead: number; state: State | '-' }[] = [];
for (const dead of DEAD) {
  if (dead === 0) plan.push({ dead, state: '-' });
  else for (const state of STATES) plan.push({ dead, state });
}
const results = new Map<string, Case[]>();
for (let run = 0; run < RUNS; run++) {
  for (const { dead, state } of plan) {
    const c = await runCase(dead, state);
    const key = `${dead}|${state}`;
    results.set(key, [...(results.get(key) ?? []), c]);
    console.error(
      `run ${run + 1}: ${dead} dead (${state}): ${c.sent}/${BURST} sent (${c.failed} failed) in ${c.seconds.toFixed(2)} s = ${c.msgsPerSec.toFixed(0)} msgs/s; ` +
        `server CPU ${c.cpuMsPerMsg.toFixed(2)} ms/msg; slowest /healthz ${c.healthzMaxMs.toFixed(0)} ms; connections to the hanging endpoints ${c.hangAttempts}`,
    );
  }
}
console.log(`\nBurst of ${BURST} REST sends, ${SENDERS} senders, median of ${RUNS} run(s) (range):\n`);
console.log('| dead endpoints | state | msgs/s | server CPU per message (ms) | burst time (s) | slowest /healthz (ms) | connections to hanging endpoints during the burst |');
console.log('| ---: | --- | ---: | ---: | ---: | ---: | ---: |');
for (const cases of results.values()) {
  const m = (f: (c: Case) => number, digits = 0): string => {
    const xs = cases.map(f);
    return `${median(xs).toFixed(digits)} (${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)})`;
  };
  const first = cases[0]!;
  console.log(
    `| ${first.dead} | ${first.state} | ${m((c) => c.msgsPerSec)} | ${m((c) => c.cpuMsPerMsg, 2)} | ${median(cases.map((c) => c.seconds)).toFixed(2)} | ${m((c) => c.healthzMaxMs)} | ${m((c) => c.hangAttempts)} |`,
  );
}
