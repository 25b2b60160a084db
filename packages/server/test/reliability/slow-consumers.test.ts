// Suite 5: slow consumers. Clients that stop reading are cut at the buffer bound with 4008; server
// memory stays flat; the other receivers' latency is measured with and without them (reported, never
// asserted: timings do not fail a test).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Socket } from 'node:net';
import type { TestServer, TestUser } from '../helpers/server.js';
import { RawClient } from '../helpers/ws-client.js';
import { percentile, report, round } from './support/figures.js';
import { settledMemory } from './support/memory.js';
import { size } from './support/scale.js';
import { startLoadServer } from './support/server.js';

const RECEIVERS = size(8, 40);
const SLOW = size(6, 30);
const MESSAGES = size(600, 3000);
const PAD = 'x'.repeat(3000);

function tcpOf(client: RawClient): Socket {
  return (client.socket as unknown as { _socket: Socket })._socket;
}

describe('slow consumers', () => {
  let t: TestServer;
  let sender: TestUser;
  let chatId: string;
  const members: TestUser[] = [];
  before(async () => {
    t = await startLoadServer({ config: { limits: { socketBufferBytes: 256 * 1024 } } });
    sender = await t.createUser('member', 'sender');
    for (let i = 0; i < RECEIVERS + SLOW; i++) members.push(await t.createUser('member', `m${i}`));
    chatId = (await t.createChat('group', [sender.id, ...members.map((m) => m.id)])).id;
  });
  after(() => t.close());

  /** Sends `MESSAGES` messages, 8 in flight; resolves to the receivers' delivery latencies. */
  async function burst(receivers: RawClient[], label: string): Promise<number[]> {
    const latencies: number[] = [];
    const sentAt = new Map<string, number>();
    for (const r of receivers) {
      r.socket.on('message', (data) => {
        const frame = JSON.parse((data as Buffer).toString()) as { t: string; event?: string; data?: { content?: { text?: string } } };
        const text = frame.data?.content?.text;
        if (frame.event === 'message' && text?.startsWith(label)) {
          const at = sentAt.get(text.slice(0, text.indexOf('|')));
          if (at !== undefined) latencies.push(performance.now() - at);
        }
      });
    }
    const s = await RawClient.connect(t.wsUrl, sender.token);
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < MESSAGES) {
          const key = `${label}${next++}`;
          sentAt.set(key, performance.now());
          await s.request('send', { chatId, messageType: 'TEXT', content: { text: `${key}|${PAD}` } });
        }
      }),
    );
    const want = MESSAGES * receivers.length;
    const deadline = Date.now() + 20_000;
    while (latencies.length < want && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    s.close();
    assert.equal(latencies.length, want, `${label}: every receiver got every message`);
    return latencies;
  }

  it('cuts the clients that stop reading with 4008, keeps memory flat, and the others get everything', async () => {
    const receivers = await Promise.all(members.slice(0, RECEIVERS).map((m) => RawClient.connect(t.wsUrl, m.token)));
    for (const r of receivers) await r.request('resume', { cursors: {} });
    const baseline = await burst(receivers, 'a');
    const before = settledMemory();

    const slow = await Promise.all(members.slice(RECEIVERS).map((m) => RawClient.connect(t.wsUrl, m.token)));
    for (const c of slow) {
      await c.request('resume', { cursors: {} });
      tcpOf(c).pause();
      // It stops reading but keeps asking: pages of history (≈300 KB each) pile up for it, beyond
      // what the kernel's socket buffers take, until the server's bound cuts it.
      for (let i = 0; i < 60; i++) c.sendRaw(JSON.stringify({ op: 'history', rid: `h${i}`, data: { chatId, limit: 100 } }));
    }
    const withSlow = await burst(receivers, 'b');
    const peakRssMiB = process.memoryUsage().rss / 1048576;
    // The slow ones read again: what was buffered, then the close the server sent them.
    for (const c of slow) tcpOf(c).resume();
    for (const c of slow) await c.waitFor(() => c.closed !== null, 'the slow consumer is cut', 10_000);
    const codes = slow.map((c) => c.closed?.code);
    assert.deepEqual(codes, slow.map(() => 4008), 'every slow consumer was closed with 4008');
    for (let i = 0; i < 100 && t.server.gateway.connectionCount > receivers.length; i++) await new Promise((r) => setTimeout(r, 20));
    assert.equal(t.server.gateway.connectionCount, receivers.length, 'the slow ones are gone from the gateway');
    for (const r of receivers) r.close();
    const after = settledMemory();

    const p99a = percentile(baseline, 99);
    const p99b = percentile(withSlow, 99);
    report('slow-consumers', {
      receivers: RECEIVERS,
      slowConsumers: SLOW,
      messages: MESSAGES,
      bufferBoundKiB: 256,
      closedWith4008: codes.filter((c) => c === 4008).length,
      heapGrowthMiBAfterGc: round(after.heapMiB - before.heapMiB),
      rssGrowthMiBAfterGc: round(after.rssMiB - before.rssMiB),
      peakRssGrowthMiB: round(peakRssMiB - before.rssMiB),
      othersP50MsAlone: round(percentile(baseline, 50)),
      othersP99MsAlone: round(p99a),
      othersP50MsWithSlow: round(percentile(withSlow, 50)),
      othersP99MsWithSlow: round(p99b),
      othersP99ChangePct: round((100 * (p99b - p99a)) / p99a),
    });
  });
});
