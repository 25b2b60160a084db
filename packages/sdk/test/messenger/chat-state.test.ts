import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TestUser } from '../../../server/test/helpers/server.js';
import type { FavouriteView, MessengerResponse, MessengerSDK } from '../../src/index.js';
import { countRequests, messengerWorld, ok, rejects, type MessengerWorld } from './setup.js';

describe('messenger facade: favourites and the chat state of one user', () => {
  let w: MessengerWorld;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;
  let A: MessengerSDK;
  let B: MessengerSDK;
  const favouriteCalls: MessengerResponse<FavouriteView[]>[] = [];

  const say = async (sdk: MessengerSDK, to: TestUser, text: string) => ok(await sdk.sendTextMessage(sdk.getJid(to.id), text));
  const texts = async (sdk: MessengerSDK, to: TestUser) => ok(await sdk.getChatMessages(sdk.getJid(to.id), 'up', undefined, 100)).map((m) => m.content.text);

  before(async () => {
    w = await messengerWorld();
    [alice, bob, carol] = await Promise.all([w.server.createUser('member', 'Alice'), w.server.createUser('member', 'Bob'), w.server.createUser('member', 'Carol')]);
    A = await w.sdk(alice, { favouriteMessageListener: (res) => favouriteCalls.push(res) });
    B = await w.sdk(bob);
  });
  after(() => w.close());

  test('favourites: add, list through the listener, remove, remove all', async () => {
    const m1 = await say(A, bob, 'fav one');
    const m2 = await say(B, alice, 'fav two');
    ok(await A.updateFavouriteStatus(A.getJid(bob.id), m1.msgId, true));
    ok(await A.updateFavouriteStatus(A.getJid(bob.id), m2.msgId, true));
    const all = ok(await A.getAllFavouriteMessages());
    assert.deepEqual(all.map((f) => f.msgId).sort(), [m1.msgId, m2.msgId].sort());
    assert.equal(all[0]?.fromUserJid, A.getJid(bob.id));
    assert.deepEqual(favouriteCalls.at(-1)?.data.map((f) => f.msgId), all.map((f) => f.msgId), 'the listener got the same list');
    ok(await A.updateFavouriteStatus(A.getJid(bob.id), m1.msgId, false));
    assert.deepEqual(ok(await A.getAllFavouriteMessages()).map((f) => f.msgId), [m2.msgId]);
    assert.equal(ok(await B.getAllFavouriteMessages()).length, 0, "favourites are the user's own");
    assert.equal(ok(await A.removeAllFavouriteMessages()).removed, 1);
    assert.deepEqual(ok(await A.getAllFavouriteMessages()), []);
  });

  test('favourites refuse bad input before the network, and messages of chats one is not in', async () => {
    const net = countRequests();
    try {
      await rejects(A.updateFavouriteStatus('', 'x', true), 'E_VALIDATION', 400);
      await rejects(A.updateFavouriteStatus(A.getJid(bob.id), '', true), 'E_VALIDATION', 400);
      await rejects(A.updateFavouriteStatus(A.getJid(bob.id), 'x', 'yes' as unknown as boolean), 'E_VALIDATION', 400);
      assert.equal(net.count(), 0);
    } finally {
      net.restore();
    }
    const secret = await say(B, carol, 'not for alice');
    await rejects(A.updateFavouriteStatus(A.getJid(carol.id), secret.msgId, true), 'E_CHAT_NOT_FOUND', 404);
    await rejects(A.updateFavouriteStatus(A.getJid(bob.id), secret.msgId, true), 'E_MESSAGE_NOT_FOUND', 404);
    assert.deepEqual(ok(await A.getAllFavouriteMessages()), []);
  });

  test('clearChat up to a message, then all; favourites kept unless FAVOURITES is true; the other side keeps everything', async () => {
    const c = await w.server.createUser('member', 'Cleo');
    const C = await w.sdk(c);
    const m1 = await say(A, c, 'c1');
    const m2 = await say(C, alice, 'c2');
    await say(A, c, 'c3');
    ok(await A.updateFavouriteStatus(A.getJid(c.id), m1.msgId, true));
    ok(await A.clearChat(A.getJid(c.id), false, m2.msgId));
    assert.deepEqual(await texts(A, c), ['c3']);
    assert.deepEqual(ok(await A.getAllFavouriteMessages()).map((f) => f.msgId), [m1.msgId], 'kept');
    ok(await A.clearChat(A.getJid(c.id), true));
    assert.deepEqual(await texts(A, c), []);
    assert.deepEqual(ok(await A.getAllFavouriteMessages()), [], 'FAVOURITES: true removed them');
    assert.deepEqual(await texts(C, alice), ['c1', 'c2', 'c3']);
    const recent = ok(await A.getRecentChats()).find((r) => r.toJid === A.getJid(c.id));
    assert.equal(recent?.lastMessage, null, 'a cleared chat shows no last message');
    assert.equal(recent?.unreadCount, 0);
    await say(C, alice, 'c4');
    assert.deepEqual(await texts(A, c), ['c4']);
    await rejects(A.clearChat(A.getJid(c.id), 'no' as unknown as boolean), 'E_VALIDATION', 400);
    await rejects(A.clearChat(A.getJid(carol.id)), 'E_CHAT_NOT_FOUND', 404);
  });

  test('deleteChat hides it from the recent chats until a new message', async () => {
    const d = await w.server.createUser('member', 'Dora');
    const D = await w.sdk(d);
    await say(A, d, 'd1');
    ok(await A.deleteChat(A.getJid(d.id)));
    assert.ok(!ok(await A.getRecentChats()).some((r) => r.toJid === A.getJid(d.id)));
    assert.deepEqual(await texts(A, d), []);
    await say(D, alice, 'd2');
    const back = ok(await A.getRecentChats()).find((r) => r.toJid === A.getJid(d.id));
    assert.equal(back?.lastMessage?.content.text, 'd2');
    assert.equal(back?.unreadCount, 1);
  });

  test('deleteMessagesForMe hides them from me only, in history and in the last message', async () => {
    const e = await w.server.createUser('member', 'Eve');
    const E = await w.sdk(e);
    const m1 = await say(A, e, 'e1');
    const m2 = await say(E, alice, 'e2');
    assert.deepEqual(ok(await A.deleteMessagesForMe(A.getJid(e.id), [m2.msgId])).messageIds, [m2.msgId]);
    assert.deepEqual(await texts(A, e), ['e1']);
    assert.deepEqual(await texts(E, alice), ['e1', 'e2']);
    assert.equal(ok(await A.getRecentChats()).find((r) => r.toJid === A.getJid(e.id))?.lastMessage?.msgId, m1.msgId);
    await rejects(A.getReplyMessage(m2.msgId), 'E_MESSAGE_NOT_FOUND', 404);
    // One unknown id refuses the whole call: nothing is hidden.
    await rejects(A.deleteMessagesForMe(A.getJid(e.id), [m1.msgId, 'nope']), 'E_MESSAGE_NOT_FOUND', 404);
    assert.deepEqual(await texts(A, e), ['e1']);
  });

  test('mute and archive per member; the archived list', async () => {
    const jid = A.getJid(bob.id);
    assert.deepEqual(ok(await A.updateMuteNotification(jid, true)), { toJid: jid, isMuted: true });
    assert.deepEqual(ok(await A.updateArchiveChat(jid, true)), { toJid: jid, isArchived: true });
    const mine = ok(await A.getRecentChats()).find((r) => r.toJid === jid);
    assert.equal(mine?.muted, true);
    assert.equal(mine?.archived, true);
    assert.deepEqual(ok(await A.getAllArchivedChats()).map((r) => r.toJid), [jid]);
    const theirs = ok(await B.getRecentChats()).find((r) => r.toJid === B.getJid(alice.id));
    assert.equal(theirs?.muted, false, "bob's state is his own");
    ok(await A.updateArchiveChat(jid, false));
    assert.deepEqual(ok(await A.getAllArchivedChats()), []);
    await rejects(A.updateMuteNotification(jid, undefined as unknown as boolean), 'E_VALIDATION', 400);
    await rejects(A.updateArchiveChat(A.getJid(carol.id), true), 'E_CHAT_NOT_FOUND', 404);
  });

  test('clearAllChats and deleteAllRecentChats', async () => {
    const f = await w.server.createUser('member', 'Fay');
    const F = await w.sdk(f);
    await say(F, bob, 'f-b');
    await say(F, carol, 'f-c');
    assert.equal(ok(await F.clearAllChats()).chats, 2);
    assert.deepEqual(await texts(F, bob), []);
    assert.equal(ok(await F.getRecentChats()).length, 2);
    assert.equal(ok(await F.deleteAllRecentChats()).chats, 2);
    assert.deepEqual(ok(await F.getRecentChats()), []);
    assert.deepEqual(await texts(B, f), ['f-b']);
  });
});
