import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { TestUser } from '../../../server/test/helpers/server.js';
import type { MessageListenerEvent, MessengerSDK } from '../../src/index.js';
import { waitUntil } from '../helpers/sdk.js';
import { countRequests, messengerWorld, ok, rejects, type MessengerWorld } from './setup.js';

describe('messenger facade: messages', () => {
  let w: MessengerWorld;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;
  let A: MessengerSDK;
  let B: MessengerSDK;
  const bobEvents: MessageListenerEvent[] = [];
  const aliceEvents: MessageListenerEvent[] = [];

  before(async () => {
    w = await messengerWorld();
    [alice, bob, carol] = await Promise.all([w.server.createUser('member', 'Alice'), w.server.createUser('member', 'Bob'), w.server.createUser('member', 'Carol')]);
    A = await w.sdk(alice, { messageListener: (e) => aliceEvents.push(e) });
    B = await w.sdk(bob, { messageListener: (e) => bobEvents.push(e) });
  });
  after(() => w.close());

  test('getJid builds userId@domain; bad ids throw the envelope', async () => {
    assert.equal(A.getJid(bob.id), `${bob.id}@DEFAULT`);
    await rejects(() => A.getJid(''), 'E_VALIDATION', 400);
    await rejects(() => A.getJid('has space'), 'E_VALIDATION', 400);
  });

  test('sendTextMessage delivers to the listener, which sends a delivery receipt by itself', async () => {
    const sent = ok(await A.sendTextMessage(A.getJid(bob.id), 'Hello Bob'));
    assert.equal(sent.content.text, 'Hello Bob');
    assert.equal(sent.msgId, sent.id);
    assert.equal(sent.chatType, 'chat');
    assert.equal(sent.fromUserJid, `${bob.id}@DEFAULT`);
    await waitUntil(() => bobEvents.some((e) => e.msgType === 'receiveMessage' && e.msgId === sent.id), 'bob receives');
    const received = bobEvents.find((e) => e.msgType === 'receiveMessage' && e.msgId === sent.id);
    assert.equal(received?.fromUserJid, `${alice.id}@DEFAULT`);
    await waitUntil(() => aliceEvents.some((e) => e.msgType === 'delivered' && e.seq >= sent.seq), 'alice sees the automatic delivery receipt');
    const members = await w.server.store.listMembers(sent.chatId);
    assert.ok((members.find((m) => m.userId === bob.id)?.deliveredSeq ?? 0) >= sent.seq);
  });

  test('the v2 object form, a client msgId (idempotent) and a reply', async () => {
    const msgId = randomUUID();
    const first = ok(await A.sendTextMessage({ toJid: A.getJid(bob.id), messageText: 'once', msgId }));
    const again = ok(await A.sendTextMessage(A.getJid(bob.id), 'once', { msgId }));
    assert.equal(again.seq, first.seq);
    const reply = ok(await B.sendTextMessage(B.getJid(alice.id), 'answer', { replyMessageId: first.msgId }));
    assert.equal(reply.replyTo, first.id);
    const original = ok(await B.getReplyMessage(reply.replyTo, 'chat'));
    assert.equal(original.content.text, 'once');
    await rejects(B.getReplyMessage(reply.replyTo, 'groupchat'), 'E_MESSAGE_NOT_FOUND', 404);
  });

  test('sendTextMessage refuses bad arguments before any network call', async () => {
    const net = countRequests();
    try {
      await rejects(A.sendTextMessage('', 'x'), 'E_VALIDATION', 400);
      await rejects(A.sendTextMessage('nobody', 'x'), 'E_VALIDATION', 400);
      await rejects(A.sendTextMessage(A.getJid(bob.id), '   '), 'E_VALIDATION', 400);
      await rejects(A.sendTextMessage(A.getJid(bob.id), 'x', { msgId: 'not-a-uuid' }), 'E_VALIDATION', 400);
      await rejects(A.sendTextMessage(A.getJid(bob.id), 'x', { mentionedUsersIds: 'bob' as unknown as string[] }), 'E_VALIDATION', 400);
      await rejects(A.getChatMessages(A.getJid(bob.id), 'sideways' as 'up'), 'E_VALIDATION', 400);
      await rejects(A.getChatMessages(A.getJid(bob.id), 'up', undefined, 1000), 'E_VALIDATION', 400);
      await rejects(A.getReplyMessage(''), 'E_VALIDATION', 400);
      await rejects(A.getReplyMessage('x', 'room' as 'chat'), 'E_VALIDATION', 400);
      await rejects(A.sendSeenStatus('bad jid', 'x'), 'E_VALIDATION', 400);
      await rejects(A.sendTypingStatus(42 as unknown as string), 'E_VALIDATION', 400);
      await rejects(A.forwardMessages(A.getJid(bob.id), []), 'E_VALIDATION', 400);
      await rejects(A.forwardMessagesToMultipleUsers([], ['x']), 'E_VALIDATION', 400);
      await rejects(A.forwardMessages(A.getJid(bob.id), ['x'], 'yes' as unknown as boolean), 'E_VALIDATION', 400);
      await rejects(A.sendImageMessage(A.getJid(bob.id), {}), 'E_VALIDATION', 400);
      await rejects(A.sendImageMessage(A.getJid(bob.id), { file: new Uint8Array([1]), fileName: 'x.exe' }), 'E_VALIDATION', 400);
      await rejects(A.sendVideoMessage(A.getJid(bob.id), { fileUrl: 'ftp://x/y.mp4' }), 'E_VALIDATION', 400);
      await rejects(A.downloadMedia(''), 'E_VALIDATION', 400);
      await rejects(A.getMediaMessages('x'), 'E_VALIDATION', 400);
      await rejects(A.deleteMessagesForEveryone(A.getJid(bob.id), 'id' as unknown as string[]), 'E_VALIDATION', 400);
      assert.equal(net.count(), 0, 'no request went out');
    } finally {
      net.restore();
    }
  });

  test('getChatMessages pages up and down by LAST_ROW_ID; a user never talked to has none', async () => {
    const carolJid = A.getJid(carol.id);
    assert.deepEqual(ok(await A.getChatMessages(carolJid)), []);
    const ids: string[] = [];
    for (let i = 1; i <= 6; i++) ids.push(ok(await A.sendTextMessage(carolJid, `m${i}`)).msgId);
    const newest = ok(await A.getChatMessages(carolJid, 'up', undefined, 3));
    assert.deepEqual(newest.map((m) => m.content.text), ['m4', 'm5', 'm6']);
    const older = ok(await A.getChatMessages(carolJid, 'up', newest[0]?.msgId, 3));
    assert.deepEqual(older.map((m) => m.content.text), ['m1', 'm2', 'm3']);
    const down = ok(await A.getChatMessages(carolJid, 'down', ids[1], 2));
    assert.deepEqual(down.map((m) => m.content.text), ['m3', 'm4']);
  });

  test('sendSeenStatus moves the seen mark; typing reaches the other side', async () => {
    const m = ok(await A.sendTextMessage(A.getJid(bob.id), 'see me'));
    const seen = ok(await B.sendSeenStatus(B.getJid(alice.id), m.msgId));
    assert.ok(seen.seq >= m.seq);
    await waitUntil(() => aliceEvents.some((e) => e.msgType === 'seen' && e.seq >= m.seq), 'alice gets seen');
    ok(await B.sendTypingStatus(B.getJid(alice.id)));
    await waitUntil(() => aliceEvents.some((e) => e.msgType === 'composing'), 'alice sees composing');
    ok(await B.sendTypingGoneStatus(B.getJid(alice.id)));
    await waitUntil(() => aliceEvents.some((e) => e.msgType === 'gone'), 'alice sees gone');
    await rejects(B.sendSeenStatus(B.getJid(carol.id), m.msgId), 'E_CHAT_NOT_FOUND', 404);
  });

  test('forwards to one chat and to many users, one by one or at once; each copy says where it came from', async () => {
    const src = ok(await A.sendTextMessage(A.getJid(bob.id), 'forward me'));
    const one = ok(await A.forwardMessages(A.getJid(carol.id), [src.msgId]));
    assert.equal(one.length, 1);
    assert.deepEqual(one[0]?.forwardedFrom, { chatId: src.chatId, messageId: src.id });
    assert.equal(one[0]?.content.text, 'forward me');
    const dave = await w.server.createUser('member', 'Dave');
    const many = ok(await A.forwardMessagesToMultipleUsers([A.getJid(carol.id), A.getJid(dave.id)], [src.msgId, one[0]?.msgId ?? ''], false));
    assert.equal(many.length, 4);
    assert.equal(new Set(many.map((m) => m.chatId)).size, 2);
    // Carol cannot forward what she cannot see; nothing is stored.
    const C = await w.sdk(carol);
    const before = (await w.server.store.getChat(src.chatId))?.lastSeq;
    await rejects(C.forwardMessages(C.getJid(alice.id), [src.msgId]), 'E_MESSAGE_NOT_FOUND', 404);
    assert.equal((await w.server.store.getChat(src.chatId))?.lastSeq, before);
  });

  test('images: upload, thumbnails and names filled in, media messages 3 then 10, download, deleted → 404', async () => {
    const sharp = (await import('sharp')).default;
    const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 1, g: 2, b: 3 } } }).png().toBuffer();
    const jid = A.getJid(bob.id);
    const sent: string[] = [];
    for (let i = 0; i < 5; i++) {
      const m = ok(await A.sendImageMessage(jid, { file: new Uint8Array(png), fileName: `p${i}.png`, caption: `pic ${i}` }));
      assert.equal(m.messageType, 'IMAGE');
      assert.equal(m.content.fileSize, png.length);
      assert.equal(m.content.fileName, `p${i}.png`);
      assert.equal(typeof m.fileToken, 'string');
      sent.push(m.msgId);
    }
    const first = ok(await B.getMediaMessages(B.getJid(alice.id)));
    assert.equal(first.length, 3);
    const next = ok(await B.getMediaMessages(B.getJid(alice.id), first.at(-1)?.msgId));
    assert.equal(next.length, 2);
    const target = first[0];
    assert.ok(target);
    const file = ok(await B.downloadMedia(target.fileToken, target.fileKey));
    assert.equal(file.fileSize, png.length);
    assert.equal(file.contentType, 'image/png');
    await rejects(B.deleteMessagesForEveryone(B.getJid(alice.id), [target.msgId]), 'E_FORBIDDEN', 403);
    const deleted = ok(await A.deleteMessagesForEveryone(jid, [target.msgId]));
    assert.deepEqual(deleted.messageIds, [target.msgId]);
    await waitUntil(() => bobEvents.some((e) => e.msgType === 'recallMessage' && e.msgId === target.msgId), 'bob is told');
    const recall = bobEvents.find((e) => e.msgType === 'recallMessage' && e.msgId === target.msgId);
    assert.ok(recall && 'message' in recall && recall.message.deleted);
    await rejects(B.downloadMedia(target.fileToken, target.fileKey), 'E_MESSAGE_NOT_FOUND', 404);
    const page = ok(await B.getChatMessages(B.getJid(alice.id), 'up', undefined, 10));
    const marker = page.find((m) => m.id === target.msgId);
    assert.equal(marker?.deleted, true);
    assert.equal(marker?.content.fileName, undefined);
    assert.ok(!ok(await B.getMediaMessages(B.getJid(alice.id))).some((m) => m.msgId === target.msgId));
  });

  test('documents by URL refused by the media rules keep their code; a message in a chat one is not in is 404', async () => {
    const C = await w.sdk(carol);
    const m = ok(await A.sendTextMessage(A.getJid(bob.id), 'private'));
    await rejects(C.getReplyMessage(m.msgId), 'E_MESSAGE_NOT_FOUND', 404);
    await rejects(C.deleteMessagesForMe(C.getJid(bob.id), [m.msgId]), 'E_CHAT_NOT_FOUND', 404);
  });

  test('showChatNotification is a clear no-op in Node', async () => {
    const res = await A.showChatNotification({ title: 'Bob', body: 'Hi' });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.data, { shown: false, reason: 'unsupported' });
    assert.match(res.message, /not supported/);
    await rejects(A.showChatNotification({} as never), 'E_VALIDATION', 400);
  });
});
