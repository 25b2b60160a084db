import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildServer, type ParleyServer } from '../../src/app.js';
import { verifyWebhook } from '../../src/domain/webhooks/index.js';
import type { TestServer } from '../helpers/server.js';
import { Receiver, signatureOf, type Received } from './receiver.js';
import { createEndpoint, sendText, sleep, startWebhookServer } from './setup.js';

describe('webhooks: pending deliveries survive a restart', () => {
  let t: TestServer;
  let receiver: Receiver;
  let second: ParleyServer | undefined;

  before(async () => {
    // Retries two seconds apart: the delivery is still pending when the node stops.
    t = await startWebhookServer({ backoffBaseMs: 2_000, backoffMaxMs: 2_000, maxAttempts: 10 });
    receiver = await Receiver.start();
  });
  after(async () => {
    await second?.close();
    await t.close();
    await receiver.close();
  });

  it('a node started on the same store sends what the stopped one left pending, with the same event id', async () => {
    const endpoint = await createEndpoint(t, { url: `${receiver.url}/hooks`, events: ['message.created'] });
    const alice = await t.createUser('member', 'Alice');
    const chatId = (await t.createChat('group', [alice.id])).id;
    receiver.answer = () => 503;
    const isOurs = (r: Received) => JSON.stringify(r.body.data).includes('before the restart');
    await sendText(t, alice.token, chatId, 'before the restart');
    const [first] = await receiver.waitFor(isOurs);
    await t.server.services.webhooks.idle();
    await t.server.close();

    const pending = await t.store.webhooks.listDeliveries(t.tenantId, { limit: 10, endpointId: endpoint.id, status: 'pending' });
    assert.equal(pending.length, 1);
    assert.ok(pending[0]!.attempts >= 1);

    receiver.answer = () => 200;
    second = await buildServer(t.server.config, { store: t.store });
    await second.listen();
    const got = await receiver.waitFor(isOurs, pending[0]!.attempts + 1, 15_000);
    const resent = got[got.length - 1]!;
    assert.equal(resent.body.id, first!.body.id);
    assert.ok(verifyWebhook(endpoint.secret, signatureOf(resent), resent.raw));

    for (let i = 0; i < 100; i++) {
      const row = await t.store.webhooks.getDelivery(t.tenantId, pending[0]!.id);
      if (row?.status === 'delivered') break;
      await sleep(30);
    }
    const delivered = await t.store.webhooks.getDelivery(t.tenantId, pending[0]!.id);
    assert.equal(delivered?.status, 'delivered');
    assert.equal(delivered?.attempts, got.length);
  });
});
