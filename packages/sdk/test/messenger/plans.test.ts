import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ParleyError } from '@parley/protocol';
import { startTestServer, type TestServer } from '../../../server/test/helpers/server.js';
import type { ParleyClient } from '../../src/index.js';
import { MessengerSDK } from '../../src/index.js';
import { ok, rejects } from './setup.js';

/** A tenant whose plan has none of the messenger's optional features. */
describe('messenger facade: a plan without the features', () => {
  let server: TestServer;
  let A: MessengerSDK;
  let bobJid: string;
  const open: MessengerSDK[] = [];

  before(async () => {
    server = await startTestServer();
    const created = await server.admin<{ tenant: { id: string }; adminKey: string }>('POST', '/v1/admin/tenants', { domain: 'lite' });
    const tenant = await server.store.getTenant(created.body.tenant.id);
    assert.ok(tenant);
    await server.store.updateTenant(tenant.id, { plan: { ...tenant.plan, name: 'lite', features: ['livechat'] } });
    const user = async (nickname: string) => {
      const call = async <T>(path: string, body: unknown) =>
        (await (await fetch(`${server.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${created.body.adminKey}`, 'content-type': 'application/json' }, body: JSON.stringify(body) })).json()) as T;
      const u = await call<{ user: { id: string } }>('/v1/admin/users', { kind: 'member', nickname });
      const t = await call<{ token: string }>(`/v1/admin/users/${u.user.id}/tokens`, {});
      return { id: u.user.id, token: t.token };
    };
    const alice = await user('Alice');
    const bob = await user('Bob');
    A = new MessengerSDK({ url: server.url, token: alice.token });
    open.push(A);
    ok(await A.connect());
    bobJid = A.getJid(bob.id);
  });
  after(async () => {
    for (const s of open) s.disconnect();
    await server.close();
  });

  test('lists the features the plan has', async () => {
    const features = ok(await A.getAvailableFeatures());
    assert.equal(features.plan, 'lite');
    assert.deepEqual(features.features, ['livechat']);
    assert.equal(features.available.favouriteMessage, false);
  });

  test('every gated operation answers 403 E_FEATURE_UNAVAILABLE and changes nothing', async () => {
    const m = ok(await A.sendTextMessage(bobJid, 'plain text is always there'));
    const forbidden = (p: Promise<unknown>) => rejects(p, 'E_FEATURE_UNAVAILABLE', 403);
    await forbidden(A.updateFavouriteStatus(bobJid, m.msgId, true));
    await forbidden(A.getAllFavouriteMessages());
    await forbidden(A.removeAllFavouriteMessages());
    await forbidden(A.clearChat(bobJid));
    await forbidden(A.clearAllChats());
    await forbidden(A.deleteChat(bobJid));
    await forbidden(A.deleteAllRecentChats());
    await forbidden(A.deleteMessagesForMe(bobJid, [m.msgId]));
    await forbidden(A.deleteMessagesForEveryone(bobJid, [m.msgId]));
    await forbidden(A.createGroup('No groups', [bobJid]));
    await forbidden(A.getMediaMessages(bobJid));
    await forbidden(A.sendImageMessage(bobJid, { file: new Uint8Array([137, 80, 78, 71]), fileName: 'x.png' }));
    const history = ok(await A.getChatMessages(bobJid));
    assert.deepEqual(history.map((x) => x.msgId), [m.msgId]);
    assert.equal(history[0]?.deleted, false);
    // Mute, archive and forward are in every plan.
    ok(await A.updateMuteNotification(bobJid, true));
  });

  test('the native client gets the same refusal over the WebSocket', async () => {
    const client: ParleyClient = A.client;
    await assert.rejects(client.request('favourites.list', {}), (err) => err instanceof ParleyError && err.code === 'E_FEATURE_UNAVAILABLE' && err.status === 403);
  });
});
