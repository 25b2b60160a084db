import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TestUser } from '../../../server/test/helpers/server.js';
import type { GroupProfileEvent, MessageListenerEvent, MessengerSDK } from '../../src/index.js';
import { waitUntil } from '../helpers/sdk.js';
import { countRequests, messengerWorld, ok, rejects, type MessengerWorld } from './setup.js';

describe('messenger facade: groups', () => {
  let w: MessengerWorld;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;
  let dave: TestUser;
  let A: MessengerSDK;
  let B: MessengerSDK;
  let C: MessengerSDK;
  const bobGroupEvents: GroupProfileEvent[] = [];
  const bobMessages: MessageListenerEvent[] = [];

  before(async () => {
    w = await messengerWorld();
    [alice, bob, carol, dave] = (await Promise.all(['Alice', 'Bob', 'Carol', 'Dave'].map((n) => w.server.createUser('member', n)))) as [TestUser, TestUser, TestUser, TestUser];
    A = await w.sdk(alice);
    B = await w.sdk(bob, { groupProfileListener: (e) => bobGroupEvents.push(e), messageListener: (e) => bobMessages.push(e) });
    C = await w.sdk(carol);
  });
  after(() => w.close());

  test('create, profile, participants, messages with mentions, typing', async () => {
    const group = ok(await A.createGroup('Team', [A.getJid(bob.id), A.getJid(carol.id)], 'https://example.com/team.png'));
    assert.equal(group.groupName, 'Team');
    assert.equal(group.image, 'https://example.com/team.png');
    assert.equal(group.groupJid, A.getGroupJid(group.id));
    assert.deepEqual(group.participants.map((p) => [p.userId, p.isAdmin]).sort(), [[alice.id, true], [bob.id, false], [carol.id, false]].sort());
    const m = ok(await A.sendTextMessage(group.groupJid, 'hi @bob', { mentionedUsersIds: [bob.id] }));
    assert.deepEqual(m.mentions, [bob.id]);
    assert.equal(m.chatType, 'groupchat');
    await rejects(A.sendTextMessage(group.groupJid, 'hi @dave', { mentionedUsersIds: [dave.id] }), 'E_VALIDATION', 400);
    await waitUntil(() => bobMessages.some((e) => e.msgType === 'receiveMessage' && e.msgId === m.msgId && e.fromUserJid === group.groupJid), 'bob gets the group message');
    ok(await C.sendTypingStatus(group.groupJid));
    await waitUntil(() => bobMessages.some((e) => e.msgType === 'composing' && e.fromUserJid === group.groupJid), 'group typing');
    assert.equal(ok(await B.getGroupParticipants(group.groupJid)).length, 3);
    assert.ok(ok(await B.getGroupsList()).some((g) => g.id === group.id));
  });

  test('owners and admins change the profile and members; others may not; everyone is told', async () => {
    const group = ok(await A.createGroup('Club', [A.getJid(bob.id), A.getJid(carol.id)]));
    await rejects(B.setGroupProfile(group.groupJid, 'Hijacked'), 'E_FORBIDDEN', 403);
    assert.equal(ok(await B.getGroupProfile(group.groupJid)).groupName, 'Club', 'nothing changed');
    ok(await A.setGroupProfile(group.groupJid, 'Book club'));
    await waitUntil(() => bobGroupEvents.some((e) => e.msgType === 'profileUpdated' && e.chat.title === 'Book club'), 'bob sees the new name');
    ok(await A.makeAsAdmin(group.groupJid, A.getJid(bob.id)));
    await waitUntil(() => bobGroupEvents.some((e) => e.msgType === 'memberUpdated' && e.member?.role === 'admin'), 'bob is told he is admin');
    const added = ok(await B.addParticipants(group.groupJid, 'Book club', [B.getJid(dave.id)]));
    assert.ok(added.participants.some((p) => p.userId === dave.id));
    ok(await B.removeParticipant(group.groupJid, B.getJid(dave.id)));
    ok(await A.removeAsAdmin(group.groupJid, A.getJid(bob.id)));
    await rejects(B.addParticipants(group.groupJid, undefined, [B.getJid(dave.id)]), 'E_FORBIDDEN', 403);
    await rejects(B.removeParticipant(group.groupJid, B.getJid(alice.id)), 'E_FORBIDDEN', 403);
    ok(await C.userExitGroup(group.groupJid));
    await rejects(C.getGroupProfile(group.groupJid), 'E_NOT_MEMBER', 403);
    ok(await A.userExitGroup(group.groupJid));
    const after = ok(await B.getGroupProfile(group.groupJid));
    assert.deepEqual(after.participants.map((p) => [p.userId, p.role]), [[bob.id, 'owner']], 'the owner who left handed it on');
    ok(await B.userDeleteGroup(group.groupJid));
    await rejects(B.getGroupProfile(group.groupJid), 'E_NOT_MEMBER', 403);
  });

  test('group calls refuse bad arguments before the network', async () => {
    const net = countRequests();
    try {
      await rejects(A.createGroup('', []), 'E_VALIDATION', 400);
      await rejects(A.createGroup('x', 'bob' as unknown as string[]), 'E_VALIDATION', 400);
      await rejects(A.getGroupProfile(A.getJid(bob.id)), 'E_VALIDATION', 400);
      await rejects(A.setGroupProfile('g@mix.DEFAULT'), 'E_VALIDATION', 400);
      await rejects(A.addParticipants('g@mix.DEFAULT', 'x', []), 'E_VALIDATION', 400);
      await rejects(A.makeAsAdmin('g@mix.DEFAULT', 'nobody'), 'E_VALIDATION', 400);
      await rejects(() => A.getGroupJid(''), 'E_VALIDATION', 400);
      assert.equal(net.count(), 0);
    } finally {
      net.restore();
    }
  });
});
