import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { WebhookDelivery, WebhookEndpoint } from '@parley/protocol';
import type { TestServer, TestUser } from '../helpers/server.js';
import { testStores } from '../helpers/stores.js';
import { Receiver, type Received } from './receiver.js';
import { createEndpoint, sendText, sleep, startWebhookServer } from './setup.js';

const DEAD = 10;
const EVENTS = 20;

const textOf = (r: Received): string => (r.body.data as { message?: { content?: { text?: string } } }).message?.content?.text ?? '';

async function endpointOf(t: TestServer, id: string): Promise<WebhookEndpoint> {
  const res = await t.admin<{ endpoint: WebhookEndpoint }>('GET', `/v1/admin/webhooks/${id}`);
  assert.equal(res.status, 200);
  return res.body.endpoint;
}

async function deliveriesOf(t: TestServer, endpointId?: string): Promise<WebhookDelivery[]> {
  const query = endpointId === undefined ? '' : `endpointId=${endpointId}&`;
  const res = await t.admin<{ deliveries: WebhookDelivery[] }>('GET', `/v1/admin/webhook-deliveries?${query}limit=200`);
  assert.equal(res.status, 200);
  return res.body.deliveries;
}

/** A loopback port where nothing listens. */
async function refusedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/hook`;
}

async function sendAll(t: TestServer, user: TestUser, chatId: string, prefix: string, count: number): Promise<void> {
  for (let i = 0; i < count; i++) assert.equal((await sendText(t, user.token, chatId, `${prefix} ${i}`)).status, 201);
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    assert.ok(Date.now() < deadline, what);
    await sleep(30);
  }
}

for (const backend of await testStores()) {
  describe(`webhook events are stored once, each endpoint reads them after its cursor (${backend.name})`, { skip: backend.skip ?? false }, () => {
    let t: TestServer;
    let live: Receiver;
    let alice: TestUser;
    let chatId: string;

    before(async () => {
      // Dead endpoints back off as by default (from 1 s), and never pause here: they stay failing throughout.
      t = await startWebhookServer({ pauseAfterFailures: 1_000, maxAttempts: 30, timeoutMs: 5_000, endpointBackoffBaseMs: 1_000, endpointBackoffMaxMs: 5_000 }, true, backend.name);
      live = await Receiver.start();
      alice = await t.createUser('member', 'Alice');
      chatId = (await t.createChat('group', [alice.id])).id;
    });
    after(async () => {
      await t.close();
      await live.close();
    });

    it('an event is stored once for N endpoints, and a dead endpoint does not delay a live one', async () => {
      // An inactive endpoint is never read: its cursor stays where it was, so it shows every event stored since.
      const witness = await createEndpoint(t, { url: await refusedUrl(), events: ['message.created'], active: false });
      const dead = [];
      for (let i = 0; i < DEAD; i++) dead.push(await createEndpoint(t, { url: await refusedUrl(), events: ['*'] }));
      const liveEndpoint = await createEndpoint(t, { url: `${live.url}/live`, events: ['message.created'] });

      await sendAll(t, alice, chatId, 'once', EVENTS);
      // The live endpoint gets every event, each once, while the dead ones keep failing.
      const got = await live.waitFor((r) => textOf(r).startsWith('once '), EVENTS, 20_000);
      assert.deepEqual(new Set(got.map(textOf)), new Set(Array.from({ length: EVENTS }, (_, i) => `once ${i}`)));
      assert.equal(got.length, EVENTS);
      await t.server.services.webhooks.idle();

      const stored = await t.store.webhooks.eventsAfterCursor(witness.id, 10_000);
      const messages = (stored?.events ?? []).filter((e) => e.type === 'message.created');
      assert.equal(messages.length, EVENTS, 'one stored event per message, whatever the number of endpoints');
      assert.equal(new Set(messages.map((e) => e.id)).size, EVENTS);
      assert.deepEqual(new Set(got.map((r) => r.body.id)), new Set(messages.map((e) => e.id)), 'the live endpoint got the stored events');

      // Deliveries exist only for events an endpoint was sent: a dead endpoint has its few in flight, not one per event.
      for (const endpoint of dead) {
        const log = await deliveriesOf(t, endpoint.id);
        assert.ok(log.length <= 2, `a dead endpoint has ${log.length} deliveries`);
        const health = (await endpointOf(t, endpoint.id)).health;
        assert.notEqual(health.state, 'healthy');
        assert.ok(health.pending >= EVENTS, `${health.pending} events wait for it`);
      }
      const liveLog = await deliveriesOf(t, liveEndpoint.id);
      assert.equal(liveLog.filter((d) => d.status === 'delivered').length, EVENTS);
      assert.equal((await endpointOf(t, liveEndpoint.id)).health.pending, 0);
    });
  });

  describe(`a lagging endpoint past its backlog limit skips ahead (${backend.name})`, { skip: backend.skip ?? false }, () => {
    const CAP = 5;
    let t: TestServer;
    let receiver: Receiver;

    before(async () => {
      // Paused at the first failure, probes an hour apart: it only falls behind until an admin resumes it.
      t = await startWebhookServer({ pauseAfterFailures: 1, probeIntervalMs: 3_600_000, endpointBacklog: CAP, maxAttempts: 30 }, true, backend.name);
      receiver = await Receiver.start();
    });
    after(async () => {
      await t.close();
      await receiver.close();
    });

    it('keeps the newest events up to the limit, counts the rest as dropped (health and metric), and sends the kept ones on resume', async () => {
      receiver.answer = () => 500;
      const endpoint = await createEndpoint(t, { url: `${receiver.url}/lag`, events: ['message.created'] });
      const alice = await t.createUser('member', 'Alice');
      const chatId = (await t.createChat('group', [alice.id])).id;
      await sendAll(t, alice, chatId, 'lag', 1);
      await until('paused', async () => (await endpointOf(t, endpoint.id)).health.state === 'paused');
      await sendAll(t, alice, chatId, 'later', 20);
      await t.server.services.webhooks.idle();

      const health = (await endpointOf(t, endpoint.id)).health;
      assert.equal(health.pending, CAP);
      assert.equal(health.dropped, 21 - CAP);
      const metrics = await (await fetch(`${t.url}/metrics`)).text();
      assert.match(metrics, new RegExp(`^parley_webhook_backlog_dropped_total ${21 - CAP}$`, 'm'));

      receiver.answer = () => 200;
      const before = receiver.received.length;
      assert.equal((await t.admin('POST', `/v1/admin/webhooks/${endpoint.id}/resume`)).status, 200);
      await until('the kept events are delivered', async () => (await endpointOf(t, endpoint.id)).health.pending === 0);
      await t.server.services.webhooks.idle();
      const sent = receiver.received.slice(before);
      assert.equal(new Set(sent.map((r) => r.body.id)).size, CAP, 'the kept events, each delivered');
      // The newest ones are among them (the oldest were skipped).
      const texts = new Set(sent.map(textOf));
      for (const i of [18, 19]) assert.ok(texts.has(`later ${i}`), `later ${i} was sent`);
      assert.ok(!texts.has('later 5'), 'an old event beyond the limit was skipped');
      assert.equal((await endpointOf(t, endpoint.id)).health.dropped, 21 - CAP);
    });
  });

}
