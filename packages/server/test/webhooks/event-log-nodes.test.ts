import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { WebhookEndpoint } from '@parley/protocol';
import { buildServer, type ParleyServer } from '../../src/app.js';
import type { TestServer, TestUser } from '../helpers/server.js';
import { testStores } from '../helpers/stores.js';
import { Receiver, type Received } from './receiver.js';
import { createEndpoint, sendText, sleep, startWebhookServer } from './setup.js';


const textOf = (r: Received): string => (r.body.data as { message?: { content?: { text?: string } } }).message?.content?.text ?? '';

async function endpointOf(t: TestServer, id: string): Promise<WebhookEndpoint> {
  const res = await t.admin<{ endpoint: WebhookEndpoint }>('GET', `/v1/admin/webhooks/${id}`);
  assert.equal(res.status, 200);
  return res.body.endpoint;
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
  describe(`webhook delivery across nodes and restarts (${backend.name})`, { skip: backend.skip ?? false }, () => {
    let t: TestServer;
    let receiver: Receiver;
    const nodes: ParleyServer[] = [];

    before(async () => {
      t = await startWebhookServer({ backoffBaseMs: 50, backoffMaxMs: 100, maxAttempts: 30, timeoutMs: 5_000 }, true, backend.name);
      receiver = await Receiver.start();
    });
    after(async () => {
      for (const node of nodes) await node.close();
      await t.close();
      await receiver.close();
    });

    it('two nodes on one store do not double-deliver: each event goes out once', async () => {
      const second = await buildServer(t.server.config, { store: t.store });
      nodes.push(second);
      await second.listen();
      const endpoint = await createEndpoint(t, { url: `${receiver.url}/both`, events: ['message.created'] });
      const alice = await t.createUser('member', 'Alice');
      const chatId = (await t.createChat('group', [alice.id])).id;
      await sendAll(t, alice, chatId, 'both', 30);
      const got = await receiver.waitFor((r) => textOf(r).startsWith('both '), 30, 20_000);
      await t.server.services.webhooks.idle();
      await second.services.webhooks.idle();
      const all = receiver.matching((r) => textOf(r).startsWith('both '));
      assert.equal(all.length, 30, `${all.length} requests for 30 events`);
      assert.equal(new Set(got.map((r) => r.body.id)).size, 30);
      assert.equal((await endpointOf(t, endpoint.id)).health.pending, 0);
      await second.close();
      nodes.splice(0);
    });

    it('restart mid-delivery redelivers: an attempt cut short and the events not yet read go out after the restart', async () => {
      const endpoint = await createEndpoint(t, { url: `${receiver.url}/restart`, events: ['message.created'] });
      const alice = await t.createUser('member', 'Alice');
      const chatId = (await t.createChat('group', [alice.id])).id;
      const ours = (r: Received) => r.path === '/restart';
      receiver.answer = (r) => (ours(r) ? 'hang' : 200);
      await sendAll(t, alice, chatId, 'restart', 5);
      // The first attempts hang: the node stops with them in flight and the rest unread.
      await receiver.waitFor(ours, 1);
      const cut = receiver.matching(ours).map((r) => r.body.id);
      await t.server.close();

      receiver.answer = () => 200;
      const next = await buildServer(t.server.config, { store: t.store });
      nodes.push(next);
      await next.listen();
      await receiver.waitFor(ours, cut.length + 5, 20_000);
      await until('all five are delivered after the restart', () => Promise.resolve(new Set(receiver.matching(ours).slice(cut.length).map((r) => r.body.id)).size === 5));
      // What was cut short was sent again with the same event id.
      const after = new Set(receiver.matching(ours).slice(cut.length).map((r) => r.body.id));
      for (const id of cut) assert.ok(after.has(id), `event ${id} was sent again`);
      await until('nothing pending', async () => {
        const waiting = (await t.store.webhooks.countWaitingEvents([endpoint.id])).get(endpoint.id);
        const pending = (await t.store.webhooks.countPendingDeliveries([endpoint.id], 100)).get(endpoint.id);
        return waiting === 0 && pending === 0;
      });
    });
  });
}
