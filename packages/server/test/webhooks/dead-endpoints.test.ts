import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { WebhookDelivery, WebhookEndpoint } from '@parley/protocol';
import type { TestServer, TestUser } from '../helpers/server.js';
import { testStores } from '../helpers/stores.js';
import { Receiver } from './receiver.js';
import { createEndpoint, sendText, sleep, startWebhookServer, type CreatedEndpoint } from './setup.js';

const PAUSE_AFTER = 3;
const BACKLOG = 30;
const BURST = 60;
/** Attempts that may already be in flight when the circuit opens (`perEndpointConcurrency`). */
const IN_FLIGHT = 2;

async function endpointOf(t: TestServer, id: string): Promise<WebhookEndpoint> {
  const res = await t.admin<{ endpoint: WebhookEndpoint }>('GET', `/v1/admin/webhooks/${id}`);
  assert.equal(res.status, 200);
  return res.body.endpoint;
}

async function waitForState(t: TestServer, id: string, state: WebhookEndpoint['health']['state'], timeoutMs = 15_000): Promise<WebhookEndpoint> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const endpoint = await endpointOf(t, id);
    if (endpoint.health.state === state) return endpoint;
    if (Date.now() > deadline) throw new Error(`endpoint ${id} is ${endpoint.health.state}, not ${state}: ${JSON.stringify(endpoint.health)}`);
    await sleep(25);
  }
}

async function deliveriesOf(t: TestServer, endpointId: string): Promise<WebhookDelivery[]> {
  const res = await t.admin<{ deliveries: WebhookDelivery[] }>('GET', `/v1/admin/webhook-deliveries?endpointId=${endpointId}&limit=200`);
  assert.equal(res.status, 200);
  return res.body.deliveries;
}

/** A loopback port where nothing listens: every attempt is refused at once. */
async function refusedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/hook`;
}

/** BURST sends, a few at a time; every one succeeds. */
async function sendBurst(t: TestServer, user: TestUser, chatId: string): Promise<void> {
  let next = 0;
  const sender = async (): Promise<void> => {
    while (next < BURST) {
      const i = next++;
      const sent = await sendText(t, user.token, chatId, `burst ${i}`);
      assert.equal(sent.status, 201, `send ${i}`);
    }
  };
  await Promise.all(Array.from({ length: 6 }, sender));
}

for (const backend of await testStores()) {
  describe(`dead webhook endpoints do not slow messaging (${backend.name})`, { skip: backend.skip ?? false }, () => {
    let t: TestServer;
    let dead: Receiver;
    let healthy: Receiver;
    let deadEndpoint: CreatedEndpoint;
    let refusedEndpoint: CreatedEndpoint;
    let healthyEndpoint: CreatedEndpoint;
    let alice: TestUser;
    let chatId: string;

    before(async () => {
      // Probes an hour apart: while paused, nothing reaches the endpoint unless an admin resumes it.
      // Attempts of the hanging endpoint time out after 3 s: its circuit cannot open (three failures,
      // two at a time) before the burst has filled its backlog.
      t = await startWebhookServer(
        { pauseAfterFailures: PAUSE_AFTER, endpointBacklog: BACKLOG, probeIntervalMs: 3_600_000, maxAttempts: 8, timeoutMs: 3_000 },
        true,
        backend.name,
      );
      dead = await Receiver.start();
      dead.answer = () => 'hang';
      healthy = await Receiver.start();
      deadEndpoint = await createEndpoint(t, { url: `${dead.url}/dead`, events: ['message.created'] });
      refusedEndpoint = await createEndpoint(t, { url: await refusedUrl(), events: ['message.created'] });
      alice = await t.createUser('member', 'Alice');
      chatId = (await t.createChat('group', [alice.id])).id;
    });
    after(async () => {
      await t.close();
      await dead.close();
      await healthy.close();
    });

    it('every send succeeds; a dead endpoint is attempted a bounded number of times, then paused; its backlog is capped and the rest counted', async () => {
      await sendBurst(t, alice, chatId);

      const paused = await waitForState(t, deadEndpoint.id, 'paused');
      const refused = await waitForState(t, refusedEndpoint.id, 'paused');
      await t.server.services.webhooks.idle();

      // About one attempt per backoff interval, not one per event: the circuit opened after PAUSE_AFTER failures in a row.
      assert.ok(dead.received.length >= PAUSE_AFTER, `${dead.received.length} attempts`);
      assert.ok(dead.received.length <= PAUSE_AFTER + IN_FLIGHT - 1, `the dead endpoint saw ${dead.received.length} attempts for ${BURST} events`);
      const refusedAttempts = (await deliveriesOf(t, refusedEndpoint.id)).reduce((sum, d) => sum + d.attempts, 0);
      assert.ok(refusedAttempts >= PAUSE_AFTER && refusedAttempts <= PAUSE_AFTER + IN_FLIGHT - 1, `the refused endpoint saw ${refusedAttempts} attempts`);

      for (const endpoint of [paused, refused]) {
        assert.equal(endpoint.health.state, 'paused');
        assert.ok(endpoint.health.consecutiveFailures >= PAUSE_AFTER);
        assert.equal(typeof endpoint.health.pausedAt, 'number');
        assert.ok((endpoint.health.nextAttemptAt ?? 0) > Date.now() + 60_000, 'the next probe is an hour away');
        // Each event is stored once: the endpoint's log holds only the events it was sent (those in
        // flight when it failed), not one row per event that happened.
        const log = await deliveriesOf(t, endpoint.id);
        assert.ok(log.length <= IN_FLIGHT, `${log.length} deliveries made`);
        assert.ok(log.every((d) => d.status === 'pending'));
        // Capped backlog: BACKLOG events wait at most (its deliveries included); the older ones are
        // skipped, counted as dropped.
        assert.equal(endpoint.health.pending, BACKLOG);
        assert.equal(endpoint.health.dropped, BURST - BACKLOG);
      }
      // The hanging endpoint could not be paused before the whole burst arrived: its cap is what bound it.
      assert.equal(paused.health.pending, BACKLOG);
      assert.equal(paused.health.dropped, BURST - BACKLOG);
      assert.match(paused.health.lastError ?? '', /timed out/);
      assert.ok(refused.health.lastError);

      // Nothing more goes out while paused; a healthy endpoint gets its events.
      healthyEndpoint = await createEndpoint(t, { url: `${healthy.url}/ok`, events: ['message.created'] });
      const attempts = dead.received.length;
      await sendText(t, alice.token, chatId, 'while paused');
      await healthy.waitFor((r) => JSON.stringify(r.body.data).includes('while paused'));
      await t.server.services.webhooks.idle();
      assert.equal(dead.received.length, attempts);
      assert.equal((await endpointOf(t, deadEndpoint.id)).health.dropped, BURST - BACKLOG + 1, 'a paused endpoint drops new events');

      const ok = await endpointOf(t, healthyEndpoint.id);
      assert.deepEqual([ok.health.state, ok.health.consecutiveFailures, ok.health.dropped], ['healthy', 0, 0]);

      const metrics = await (await fetch(`${t.url}/metrics`)).text();
      assert.match(metrics, /^parley_webhook_circuit_opened_total 2$/m);
      const dropped = (await endpointOf(t, deadEndpoint.id)).health.dropped + (await endpointOf(t, refusedEndpoint.id)).health.dropped;
      assert.match(metrics, new RegExp(`^parley_webhook_backlog_dropped_total ${dropped}$`, 'm'));
    });

    it('the paused-endpoints gauge shows both', async () => {
      const deadline = Date.now() + 15_000;
      for (;;) {
        const metrics = await (await fetch(`${t.url}/metrics`)).text();
        if (/^parley_webhook_paused_endpoints 2$/m.test(metrics)) break;
        assert.ok(Date.now() < deadline, `gauge: ${/^parley_webhook_paused_endpoints .*$/m.exec(metrics)?.[0]}`);
        await sleep(100);
      }
    });

    it('resume: only an admin, only an endpoint of the tenant', async () => {
      const unknown = await t.admin<{ error: { code: string } }>('POST', '/v1/admin/webhooks/wh_nope/resume');
      assert.equal(unknown.status, 404);
      assert.equal(unknown.body.error.code, 'E_WEBHOOK_NOT_FOUND');
      const asUser = await fetch(`${t.url}/v1/admin/webhooks/${deadEndpoint.id}/resume`, { method: 'POST', headers: { authorization: `Bearer ${alice.token}` } });
      assert.equal(asUser.status, 403);
      assert.equal(((await asUser.json()) as { error: { code: string } }).error.code, 'E_FORBIDDEN');
      assert.equal((await endpointOf(t, deadEndpoint.id)).health.state, 'paused', 'nothing changed');
    });

    it('an admin resumes the endpoint at once and its backlog is sent', async () => {
      dead.answer = () => 200;
      const before = dead.received.length;
      const res = await t.admin<{ endpoint: WebhookEndpoint }>('POST', `/v1/admin/webhooks/${deadEndpoint.id}/resume`);
      assert.equal(res.status, 200);
      assert.equal(res.body.endpoint.health.state, 'healthy');
      assert.equal(res.body.endpoint.health.consecutiveFailures, 0);
      assert.equal(res.body.endpoint.health.pausedAt, null);

      // Every kept event goes out (the ones attempted before included), each delivered once.
      await dead.waitFor(() => true, before + BACKLOG);
      const deadline = Date.now() + 15_000;
      while ((await deliveriesOf(t, deadEndpoint.id)).some((d) => d.status !== 'delivered')) {
        assert.ok(Date.now() < deadline, 'the backlog is delivered');
        await sleep(50);
      }
      const delivered = new Set(dead.received.slice(before).map((r) => r.body.id));
      assert.equal(delivered.size, BACKLOG);
      const after = await endpointOf(t, deadEndpoint.id);
      assert.equal(after.health.state, 'healthy');
      assert.equal(after.health.pending, 0);

      // New events flow again.
      await sendText(t, alice.token, chatId, 'after resume');
      await dead.waitFor((r) => JSON.stringify(r.body.data).includes('after resume'));
    });

    it('a new URL resumes a paused endpoint: the old address\'s failures do not carry over', async () => {
      const before = await endpointOf(t, refusedEndpoint.id);
      assert.equal(before.health.state, 'paused');
      const pending = before.health.pending;
      const res = await t.admin<{ endpoint: WebhookEndpoint }>('PATCH', `/v1/admin/webhooks/${refusedEndpoint.id}`, { url: `${healthy.url}/moved` });
      assert.equal(res.status, 200);
      assert.deepEqual([res.body.endpoint.health.state, res.body.endpoint.health.consecutiveFailures], ['healthy', 0]);
      // Its backlog (the newest events, the one sent while it was paused included) goes to the new address.
      await healthy.waitFor((r) => r.path === '/moved', pending);
    });
  });

  describe(`dead webhook endpoints: a delivered probe closes the circuit (${backend.name})`, { skip: backend.skip ?? false }, () => {
    let t: TestServer;
    let receiver: Receiver;

    before(async () => {
      // Enough attempts per delivery that the probes never use one up.
      t = await startWebhookServer({ pauseAfterFailures: PAUSE_AFTER, endpointBacklog: BACKLOG, probeIntervalMs: 300, maxAttempts: 30 }, true, backend.name);
      receiver = await Receiver.start();
    });
    after(async () => {
      await t.close();
      await receiver.close();
    });

    it('a paused endpoint gets one probe at a time; when one is delivered it resumes and the backlog goes out', async () => {
      receiver.answer = () => 500;
      const endpoint = await createEndpoint(t, { url: `${receiver.url}/probe`, events: ['message.created'] });
      const alice = await t.createUser('member', 'Alice');
      const chatId = (await t.createChat('group', [alice.id])).id;
      for (let i = 0; i < 10; i++) assert.equal((await sendText(t, alice.token, chatId, `burst ${i}`)).status, 201);
      const paused = await waitForState(t, endpoint.id, 'paused');
      await t.server.services.webhooks.idle();

      // Probes keep failing: it stays paused; each probe is a single attempt.
      const atPause = receiver.received.length;
      await receiver.waitFor(() => true, atPause + 2);
      assert.equal((await endpointOf(t, endpoint.id)).health.state, 'paused');

      receiver.answer = () => 200;
      await waitForState(t, endpoint.id, 'healthy');
      const deadline = Date.now() + 15_000;
      // The log shows the events sent so far; those still after the endpoint's cursor count in `pending`.
      while ((await deliveriesOf(t, endpoint.id)).some((d) => d.status !== 'delivered') || (await endpointOf(t, endpoint.id)).health.pending > 0) {
        assert.ok(Date.now() < deadline, 'the backlog is delivered after the probe');
        await sleep(50);
      }
      // What was kept went out; what came while it was paused was dropped and counted.
      const kept = (await deliveriesOf(t, endpoint.id)).length;
      assert.ok(kept >= 1);
      assert.equal((await endpointOf(t, endpoint.id)).health.dropped + kept, 10);
      assert.ok(paused.health.dropped <= 10 - kept);
    });
  });
}
