import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { WEBHOOK_HEADERS, type Message, type WebhookDelivery } from '@parley/protocol';
import { verifyWebhook } from '../../src/domain/webhooks/index.js';
import type { TestServer, TestUser } from '../helpers/server.js';
import { Receiver, signatureOf, type Received } from './receiver.js';
import { createEndpoint, sendText, sleep, startWebhookServer, type CreatedEndpoint } from './setup.js';

const messageWith = (text: string) => (r: Received) => r.body.type === 'message.created' && JSON.stringify(r.body.data).includes(text);

async function deliveryLog(t: TestServer, endpointId: string): Promise<WebhookDelivery[]> {
  const res = await t.admin<{ deliveries: WebhookDelivery[] }>('GET', `/v1/admin/webhook-deliveries?endpointId=${endpointId}&limit=200`);
  assert.equal(res.status, 200);
  return res.body.deliveries;
}

async function deliveryOf(t: TestServer, id: string): Promise<WebhookDelivery> {
  const res = await t.admin<{ delivery: WebhookDelivery }>('GET', `/v1/admin/webhook-deliveries/${id}`);
  assert.equal(res.status, 200);
  return res.body.delivery;
}

async function waitForStatus(t: TestServer, endpointId: string, eventId: string, status: WebhookDelivery['status'], timeoutMs = 10_000): Promise<WebhookDelivery> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await deliveryLog(t, endpointId)).find((d) => d.eventId === eventId && d.status === status);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no ${status} delivery of ${eventId}`);
    await sleep(30);
  }
}

describe('webhooks: signed delivery, retries, the log, replay', () => {
  let t: TestServer;
  let receiver: Receiver;
  let endpoint: CreatedEndpoint;
  let alice: TestUser;
  let bob: TestUser;
  let chatId: string;

  before(async () => {
    t = await startWebhookServer();
    receiver = await Receiver.start();
    endpoint = await createEndpoint(t, { url: `${receiver.url}/hooks`, events: ['message.created', 'member.joined'] });
    alice = await t.createUser('member', 'Alice');
    bob = await t.createUser('member', 'Bob');
    chatId = (await t.createChat('group', [alice.id, bob.id])).id;
  });
  after(async () => {
    await t.close();
    await receiver.close();
  });

  it('posts a signed JSON event the receiver verifies; a tampered body fails verification', async () => {
    const sent = await sendText(t, alice.token, chatId, 'signed hello');
    assert.equal(sent.status, 201);
    const [got] = await receiver.waitFor(messageWith('signed hello'));
    assert.ok(got);
    assert.equal(got.path, '/hooks');
    assert.equal(got.headers['content-type'], 'application/json');
    assert.ok(verifyWebhook(endpoint.secret, signatureOf(got), got.raw), 'the signature verifies');
    assert.ok(!verifyWebhook(endpoint.secret, signatureOf(got), got.raw.replace('signed hello', 'signed hellO')), 'a tampered body fails');
    assert.ok(!verifyWebhook('whsec_wrong', signatureOf(got), got.raw), 'another secret fails');
    const stale = { ...signatureOf(got), timestamp: String(Number(signatureOf(got).timestamp) - 3600) };
    assert.ok(!verifyWebhook(endpoint.secret, stale, got.raw), 'an old timestamp fails');

    const body = got.body;
    assert.equal(body.type, 'message.created');
    assert.equal(body.tenant, t.tenantId);
    assert.match(body.id, /^evt_/);
    assert.equal(got.headers[WEBHOOK_HEADERS.eventId], body.id);
    assert.ok(Math.abs(body.occurredAt - Date.now()) < 60_000);
    const data = body.data as { chatId: string; message: Message };
    assert.equal(data.chatId, chatId);
    assert.equal(data.message.id, sent.id);
    assert.equal(data.message.senderId, alice.id);
    assert.equal(data.message.content.text, 'signed hello');
  });

  it('gives every event its own id and only sends the subscribed types', async () => {
    await t.server.services.webhooks.idle();
    const before = receiver.received.length;
    for (const text of ['one', 'two', 'three']) await sendText(t, bob.token, chatId, `distinct ${text}`);
    const got = await receiver.waitFor((r) => r.body.type === 'message.created' && JSON.stringify(r.body.data).includes('distinct'), 3);
    assert.equal(new Set(got.map((r) => r.body.id)).size, 3);
    // Typing and receipts are not webhook events; none arrived besides the three messages.
    await fetch(`${t.url}/v1/chats/${chatId}/typing`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bob.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ state: 'composing' }),
    });
    await t.server.services.webhooks.idle();
    assert.equal(receiver.received.length, before + 3);
  });

  it('retries after 500s and timeouts with backoff, keeps the event id, then succeeds; the log shows every attempt', async () => {
    let calls = 0;
    receiver.answer = (r) => {
      if (!JSON.stringify(r.body.data).includes('flaky')) return 200;
      calls++;
      return calls === 1 ? 500 : calls === 2 ? 'hang' : calls === 3 ? 503 : 200;
    };
    try {
      await sendText(t, alice.token, chatId, 'flaky delivery');
      const got = await receiver.waitFor(messageWith('flaky'), 4);
      assert.equal(new Set(got.map((r) => r.body.id)).size, 1, 'the same event id in every attempt');
      assert.equal(new Set(got.map((r) => r.raw)).size, 1, 'the same body in every attempt');
      assert.deepEqual(got.map((r) => r.headers[WEBHOOK_HEADERS.attempt]), ['1', '2', '3', '4']);
      assert.equal(new Set(got.map((r) => r.headers[WEBHOOK_HEADERS.deliveryId])).size, 1);
      for (const r of got) assert.ok(verifyWebhook(endpoint.secret, signatureOf(r), r.raw));
      // Waits grow: the gap after the second failure is longer than after the first (40 ms base, doubling).
      const gaps = got.slice(1).map((r, i) => r.at - got[i]!.at);
      assert.ok(gaps.every((g) => g >= 15), `gaps ${gaps.join(', ')}`);

      const delivered = await waitForStatus(t, endpoint.id, got[0]!.body.id, 'delivered');
      const detail = await deliveryOf(t, delivered.id);
      assert.equal(detail.attempts, 4);
      assert.equal(detail.lastStatusCode, 200);
      assert.equal(detail.nextAttemptAt, null);
      assert.equal(detail.payload?.id, got[0]!.body.id);
      const log = detail.attemptLog ?? [];
      assert.deepEqual(log.map((a) => a.statusCode), [500, null, 503, 200]);
      assert.deepEqual(log.map((a) => a.attempt), [1, 2, 3, 4]);
      assert.match(log[0]!.responseBody, /failure 500/);
      assert.match(log[1]!.error ?? '', /timed out/);
      assert.ok(log[1]!.durationMs >= 350, `the timed-out attempt lasted ${log[1]!.durationMs} ms`);
      assert.ok(log.every((a) => a.durationMs >= 0 && a.startedAt > 0));
    } finally {
      receiver.answer = () => 200;
    }
  });

  it('marks a delivery failed after its last attempt, and replay sends it again', async () => {
    receiver.answer = (r) => (JSON.stringify(r.body.data).includes('doomed') ? 500 : 200);
    try {
      await sendText(t, alice.token, chatId, 'doomed delivery');
      const got = await receiver.waitFor(messageWith('doomed'), 4);
      const failed = await waitForStatus(t, endpoint.id, got[0]!.body.id, 'failed');
      assert.equal(failed.attempts, 4);
      assert.equal(failed.lastStatusCode, 500);
      await sleep(300);
      assert.equal(receiver.matching(messageWith('doomed')).length, 4, 'no attempt after the last');

      receiver.answer = () => 200;
      const replay = await t.admin<{ delivery: WebhookDelivery }>('POST', `/v1/admin/webhook-deliveries/${failed.id}/replay`);
      assert.equal(replay.status, 202);
      assert.equal(replay.body.delivery.replayOf, failed.id);
      assert.equal(replay.body.delivery.eventId, failed.eventId);
      assert.notEqual(replay.body.delivery.id, failed.id);
      const again = await receiver.waitFor(messageWith('doomed'), 5);
      const last = again[4]!;
      assert.equal(last.body.id, got[0]!.body.id, 'a replay carries the same event id');
      assert.equal(last.headers[WEBHOOK_HEADERS.deliveryId], replay.body.delivery.id);
      assert.ok(verifyWebhook(endpoint.secret, signatureOf(last), last.raw));
      await waitForStatus(t, endpoint.id, failed.eventId, 'delivered');
      assert.equal((await deliveryOf(t, failed.id)).status, 'failed', 'the original stays as it was');
    } finally {
      receiver.answer = () => 200;
    }
  });

  it('a rotated secret signs from then on', async () => {
    const rotated = await t.admin<{ endpoint: { secret: string } }>('POST', `/v1/admin/webhooks/${endpoint.id}/rotate-secret`);
    await sendText(t, alice.token, chatId, 'after rotation');
    const [got] = await receiver.waitFor(messageWith('after rotation'));
    assert.ok(verifyWebhook(rotated.body.endpoint.secret, signatureOf(got!), got!.raw));
    assert.ok(!verifyWebhook(endpoint.secret, signatureOf(got!), got!.raw));
    endpoint = { ...endpoint, secret: rotated.body.endpoint.secret };
  });
});

describe('webhooks: a dead endpoint blocks nothing', () => {
  let t: TestServer;
  let dead: Receiver;
  let healthy: Receiver;

  before(async () => {
    // Long attempts: were a send waiting on the endpoint, it would take seconds.
    t = await startWebhookServer({ timeoutMs: 5_000, maxAttempts: 2, backoffBaseMs: 5_000 });
    dead = await Receiver.start();
    dead.answer = () => 'hang';
    healthy = await Receiver.start();
  });
  after(async () => {
    await t.close();
    await dead.close();
    await healthy.close();
  });

  it('sends answer as fast while an endpoint hangs, and another endpoint still gets every event', async () => {
    const alice = await t.createUser('member', 'Alice');
    const chatId = (await t.createChat('group', [alice.id])).id;
    const baseline: number[] = [];
    for (let i = 0; i < 10; i++) baseline.push((await sendText(t, alice.token, chatId, `baseline ${i}`)).ms);

    await createEndpoint(t, { url: `${dead.url}/dead`, events: ['message.created'] });
    await createEndpoint(t, { url: `${healthy.url}/ok`, events: ['message.created'] });
    const during: number[] = [];
    for (let i = 0; i < 30; i++) {
      const sent = await sendText(t, alice.token, chatId, `during ${i}`);
      assert.equal(sent.status, 201);
      during.push(sent.ms);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    assert.ok(Math.max(...during) < 2_000, `slowest send ${Math.max(...during).toFixed(0)} ms`);
    assert.ok(median(during) < median(baseline) + 200, `median ${median(during).toFixed(1)} ms vs ${median(baseline).toFixed(1)} ms before`);

    // The healthy endpoint gets all 30 while the dead one holds its two slots.
    await healthy.waitFor((r) => JSON.stringify(r.body.data).includes('during'), 30, 10_000);
    assert.ok(dead.maxHanging <= 2, `the dead endpoint has at most its 2 attempts in flight (${dead.maxHanging})`);
  });
});
