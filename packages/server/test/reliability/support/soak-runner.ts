import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServerProcess } from '../../helpers/process.js';
import { RawClient } from '../../helpers/ws-client.js';
import { percentile, round } from './figures.js';
import { History } from './history.js';
import { readChat } from './read-chat.js';

const ADMIN_KEY = 'pk_soak_admin_key_0000000000000000';

export interface SoakOptions {
  /** Total run, warm-up included. */
  durationMs: number;
  /** The first part of the run that RSS growth does not count. */
  warmupMs: number;
  /** How long the capacity probe runs before the soak. */
  probeMs: number;
  users: number;
  /** Sessions open at once: each connects, resumes, sends, lives 1–5 s, disconnects. */
  sessions: number;
  log?: (line: string) => void;
}

export interface SoakResult {
  minutes: number;
  capacityMsgsPerSec: number;
  targetMsgsPerSec: number;
  sent: number;
  acked: number;
  lost: number;
  serverErrors: number;
  connects: number;
  rssStartMiB: number;
  rssEndMiB: number;
  rssGrowthAfterWarmupMiB: number;
  fdsAfterWarmup: number;
  fdsEnd: number;
  eventLoopLagP99Ms: number;
  ackP99Ms: number;
}

async function procStats(pid: number): Promise<{ rssMiB: number; fds: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return { rssMiB: rssKb / 1024, fds: (await readdir(`/proc/${pid}/fd`)).length };
}

async function scrapeLagP99Ms(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return Number(/^nodejs_eventloop_lag_p99_seconds(?:\{[^}]*\})? ([\d.e+-]+)/m.exec(text)?.[1] ?? 0) * 1000;
}

/**
 * The soak: a server process at half of its measured send capacity, with sessions connecting and
 * disconnecting all the time. Reports RSS growth after warm-up, open fds, event-loop lag p99, lost
 * messages and server errors. Never asserts a time; the caller asserts 0 lost and 0 errors.
 */
export async function runSoak(opts: SoakOptions): Promise<SoakResult> {
  const log = opts.log ?? (() => {});
  const dataDir = await mkdtemp(join(tmpdir(), 'parley-soak-'));
  const proc = await startServerProcess({ PARLEY_DATA_DIR: dataDir, PARLEY_ADMIN_KEY: ADMIN_KEY, PARLEY_LOG_REQUESTS: 'false', PARLEY_RATE_HTTP_PER_IP: '0', PARLEY_RATE_HTTP_PER_USER: '0', PARLEY_RATE_WS_FRAMES: '0', PARLEY_TOKEN_TTL_SECONDS: '86400' });
  const pid = proc.child.pid as number;
  const admin = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${proc.url}${path}`, { method, headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    return (await res.json()) as T;
  };
  let serverErrors = 0;
  try {
    const users: { id: string; token: string; chatId: string }[] = [];
    const chats: string[] = [];
    for (let i = 0; i < opts.users; i += 4) {
      const group: { id: string; token: string }[] = [];
      for (let k = 0; k < 4 && i + k < opts.users; k++) {
        const u = (await admin<{ user: { id: string } }>('POST', '/v1/admin/users', { kind: 'member', nickname: `soak${i + k}` })).user;
        group.push({ id: u.id, token: (await admin<{ token: string }>('POST', `/v1/admin/users/${u.id}/tokens`, { ttlSeconds: 86400 })).token });
      }
      const chatId = (await admin<{ chat: { id: string } }>('POST', '/v1/admin/chats', { kind: 'group', members: group.map((g) => ({ userId: g.id })) })).chat.id;
      chats.push(chatId);
      for (const g of group) users.push({ ...g, chatId });
    }
    const history = new History();
    const ackMs: number[] = [];
    const sendOne = async (socket: RawClient, chatId: string): Promise<void> => {
      const id = randomUUID();
      history.send(chatId, id, 'soak');
      const started = performance.now();
      const ack = await socket.request('send', { chatId, id, messageType: 'TEXT', content: { text: `soak ${id}` } }).catch(() => null);
      if (!ack) return;
      if (ack.ok) {
        ackMs.push(performance.now() - started);
        history.ack(id, { chatId, id, seq: (ack.data as { seq: number }).seq });
      } else if (ack.error?.code === 'E_INTERNAL') serverErrors++;
    };

    // Capacity: a few senders keeping a window of sends in flight, as fast as the server acks.
    const probeSockets = await Promise.all(users.slice(0, 8).map((u) => RawClient.connect(proc.url.replace('http', 'ws') + '/v1/ws', u.token)));
    let probed = 0;
    const probeEnd = Date.now() + opts.probeMs;
    await Promise.all(probeSockets.flatMap((s, i) => Array.from({ length: 8 }, async () => {
      while (Date.now() < probeEnd) {
        await sendOne(s, users[i]!.chatId);
        probed++;
      }
    })));
    for (const s of probeSockets) s.close();
    const capacity = probed / (opts.probeMs / 1000);
    const target = capacity / 2;
    log(`capacity ≈ ${round(capacity)} msgs/s; soaking at ${round(target)} msgs/s for ${round(opts.durationMs / 60000, 2)} min`);

    // The soak: sessions come and go; together they send at the target rate.
    const started = Date.now();
    const end = started + opts.durationMs;
    const perSessionInterval = (1000 * opts.sessions) / target;
    let connects = 0;
    const samples: { at: number; rssMiB: number; fds: number }[] = [];
    let lag = 0;
    const sampler = setInterval(() => {
      void procStats(pid).then((s) => samples.push({ at: Date.now() - started, ...s })).catch(() => undefined);
      void scrapeLagP99Ms(proc.url).then((l) => (lag = Math.max(lag, Date.now() - started > opts.warmupMs ? l : 0))).catch(() => undefined);
    }, 1000);
    await Promise.all(Array.from({ length: opts.sessions }, async (_, k) => {
      while (Date.now() < end) {
        const u = users[(k + connects) % users.length]!;
        const socket = await RawClient.connect(proc.url.replace('http', 'ws') + '/v1/ws', u.token).catch(() => null);
        connects++;
        if (!socket) {
          serverErrors++;
          continue;
        }
        await socket.request('resume', { cursors: {} }).catch(() => null);
        const lifeEnd = Math.min(end, Date.now() + 1000 + Math.random() * 4000);
        while (Date.now() < lifeEnd) {
          const t0 = Date.now();
          await sendOne(socket, u.chatId);
          await new Promise((r) => setTimeout(r, Math.max(0, perSessionInterval - (Date.now() - t0))));
        }
        socket.close();
      }
    }));
    clearInterval(sampler);
    await new Promise((r) => setTimeout(r, 500));
    const last = await procStats(pid);
    samples.push({ at: Date.now() - started, ...last });

    // 0 lost: every acknowledged message is stored, once.
    const stored = new Map<string, { chatId: string; id: string; seq: number }[]>();
    for (const chatId of chats) stored.set(chatId, await readChat(proc.url, users.find((u) => u.chatId === chatId)!.token, chatId));
    const problems = history.check(stored);
    const lost = problems.filter((p) => p.includes('LOST')).length;
    serverErrors += (proc.output().match(/"level":(50|60)/g) ?? []).length;
    const afterWarmup = samples.find((s) => s.at >= opts.warmupMs) ?? samples[0]!;
    return {
      minutes: round(opts.durationMs / 60000, 2),
      capacityMsgsPerSec: round(capacity),
      targetMsgsPerSec: round(target),
      sent: history.sent,
      acked: history.acked,
      lost,
      serverErrors,
      connects,
      rssStartMiB: round(samples[0]?.rssMiB ?? 0),
      rssEndMiB: round(last.rssMiB),
      rssGrowthAfterWarmupMiB: round(last.rssMiB - afterWarmup.rssMiB),
      fdsAfterWarmup: afterWarmup.fds,
      fdsEnd: last.fds,
      eventLoopLagP99Ms: round(lag),
      ackP99Ms: round(percentile(ackMs, 99)),
    };
  } finally {
    await proc.kill('SIGTERM');
    await rm(dataDir, { recursive: true, force: true });
  }
}
