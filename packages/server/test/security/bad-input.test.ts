// Suite 11 (corpus): over 10,000 generated malformed requests and frames. The server stays up, every
// one is answered with a 4xx or a close code and an E_* code; no 5xx, no stack trace, no error logged.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../../src/config/index.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { RawClient } from '../helpers/ws-client.js';
import { looksLikeStackTrace, send } from './support/http.js';
import { httpCorpus, wsCorpus, type BadRequest } from './support/corpus.js';
import { LogCapture } from './support/log-capture.js';
import { OP_TABLE } from './support/op-table.js';
import { buildWorld, type World } from './support/world.js';

const E_CODE = /"E_[A-Z_]+"/;
/** In `npm test`, one HTTP case in this many per category (the WebSocket corpus is sent whole). */
const HTTP_SAMPLE = 2;
/** WebSocket frames sent before their answers are awaited. */
const WS_BATCH = 100;

/** Runs `work` over `items` with at most `limit` at a time. */
async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < items.length) await work(items[next++] as T);
  }));
}

describe('bad-input corpus', () => {
  let t: TestServer;
  let w: World;
  const logs = new LogCapture();
  const counts = { http: 0, ws: 0 };
  before(async () => {
    const defaults = loadConfig({});
    t = await startTestServer({
      config: { heartbeatMs: 60_000, logLevel: 'info', logRequests: false, limits: { ...defaults.limits, httpRequestsPerIp: 0, httpRequestsPerUser: 0, wsFramesPerConnection: 0 } },
      logStream: logs,
    });
    w = await buildWorld(t);
  });
  after(async () => {
    await t.close();
  });

  it('HTTP: every malformed request gets a 4xx with an E_* code', async () => {
    // The whole HTTP corpus takes a while on a small machine: `npm test` sends every FULL_EVERY-th
    // case of each category (at least 1,000 requests); PARLEY_CORPUS=full sends all.
    const full = httpCorpus(w, t.server.config.limits.maxBodyBytes);
    const seen = new Map<string, number>();
    const corpus = process.env.PARLEY_CORPUS === 'full' ? full : full.filter((c) => ((seen.set(c.category, (seen.get(c.category) ?? 0) + 1).get(c.category) ?? 0) - 1) % HTTP_SAMPLE === 0);
    const problems: string[] = [];
    const byCategory = new Map<string, number>();
    await pool(corpus, 8, async (req: BadRequest) => {
      const res = await send(t.url, { method: req.method, path: req.path, headers: req.headers, raw: req.body });
      counts.http++;
      byCategory.set(req.category, (byCategory.get(req.category) ?? 0) + 1);
      const where = `${req.category}: ${req.method} ${req.path.slice(0, 80)} ${String(req.body).slice(0, 60)} → ${res.status}`;
      if (res.status < 400 || res.status >= 500) problems.push(`${where} ${res.text.slice(0, 200)}`);
      else if (!E_CODE.test(res.text)) problems.push(`${where}: no E_* code in ${res.text.slice(0, 200)}`);
      if (looksLikeStackTrace(res.text)) problems.push(`${where}: stack trace`);
      if (req.category === 'oversize' && res.status !== 413) problems.push(`${where}: oversize is 413`);
    });
    console.log(`http corpus: ${counts.http} requests`, Object.fromEntries(byCategory));
    assert.deepEqual(problems.slice(0, 40), [], `${problems.length} of ${counts.http} requests answered wrongly`);
  });

  it('WebSocket: every malformed frame gets an E_* error or the protocol close code; the socket survives the rest', async () => {
    const maxFrame = t.server.config.limits.maxFrameBytes;
    const corpus = wsCorpus(w, Object.fromEntries(Object.entries(OP_TABLE).map(([op, spec]) => [op, spec.data])), maxFrame);
    const problems: string[] = [];
    let socket = await RawClient.connect(t.wsUrl, w.alice.token);
    await socket.request('resume', { cursors: {} });
    const fresh = async (): Promise<void> => {
      socket = await RawClient.connect(t.wsUrl, w.alice.token);
      await socket.request('resume', { cursors: {} });
    };
    const closing = corpus.filter((f) => (f.closes ?? (Buffer.byteLength(f.data) > maxFrame ? 1009 : undefined)) !== undefined);
    const answered = corpus.filter((f) => !closing.includes(f));
    // Frames that must close the socket: one socket each.
    for (const frame of closing) {
      counts.ws++;
      const expected = frame.closes ?? 1009;
      socket.socket.send(frame.data, { binary: frame.binary === true });
      await socket.waitFor(() => socket.closed !== null, `close after ${frame.category}`);
      if (socket.closed?.code !== expected) problems.push(`${frame.category}: ${String(frame.data).slice(0, 100)}: closed with ${socket.closed?.code}, not ${expected}`);
      await fresh();
    }
    // The others, in batches: each frame gets exactly one answer, an error with an E_* code.
    for (let i = 0; i < answered.length; i += WS_BATCH) {
      const batch = answered.slice(i, i + WS_BATCH);
      const from = socket.frames.length;
      for (const frame of batch) socket.socket.send(frame.data, { binary: frame.binary === true });
      counts.ws += batch.length;
      const answers = () => socket.frames.slice(from).filter((f) => f.t === 'ack' || f.t === 'error');
      await socket.waitFor(() => answers().length >= batch.length || socket.closed !== null, `answers to frames ${i}..${i + batch.length}`, 15_000);
      const got = answers();
      const where = `frames ${i}..${i + batch.length} (${[...new Set(batch.map((f) => f.category))].join(', ')})`;
      if (socket.closed !== null) {
        problems.push(`${where}: the socket closed (${socket.closed.code})`);
        await fresh();
        continue;
      }
      const wrong = got.filter((f) => !(f.t === 'error' || f.ok === false) || !E_CODE.test(JSON.stringify(f)) || JSON.stringify(f).includes('E_INTERNAL'));
      if (wrong.length > 0) problems.push(`${where}: ${JSON.stringify(wrong).slice(0, 400)}`);
      if (looksLikeStackTrace(JSON.stringify(got))) problems.push(`${where}: stack trace`);
    }
    // Nothing more trickles in after the last batch: one answer per frame, not two.
    await new Promise((r) => setTimeout(r, 100));
    socket.close();
    console.log(`ws corpus: ${counts.ws} frames`);
    assert.deepEqual(problems.slice(0, 40), [], `${problems.length} of ${counts.ws} frames answered wrongly`);
  });

  it('stays up, with no server error logged, after at least 10,000 of them', async () => {
    assert.ok(counts.http + counts.ws >= 10_000, `${counts.http} requests + ${counts.ws} frames`);
    assert.equal((await send(t.url, { method: 'GET', path: '/healthz' })).status, 200);
    assert.equal((await send(t.url, { method: 'GET', path: '/v1/me', headers: { authorization: `Bearer ${w.alice.token}` } })).status, 200);
    assert.deepEqual(logs.errors().slice(0, 5).map((l) => l.slice(0, 600)), []);
  });
});
