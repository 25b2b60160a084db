import type { OpName } from '@parley/protocol';
import type { World } from './world.js';

/**
 * Every WebSocket operation, classified like the REST routes (route-table.ts): `self` acts on the
 * caller's own data; `victim` names the victims' chat or message and must be refused. A new op
 * without an entry fails the matrix.
 */
export interface OpSpec {
  scope: 'self' | 'victim';
  data: (w: World, attackerId: string) => unknown;
}

const g = (extra: Record<string, unknown> = {}) => (w: World): unknown => ({ chatId: w.group.id, ...extra });

export const OP_TABLE: Record<OpName, OpSpec> = {
  send: { scope: 'victim', data: g({ messageType: 'TEXT', content: { text: 'intruder' } }) },
  receipt: { scope: 'victim', data: g({ kind: 'seen', seq: 1 }) },
  typing: { scope: 'victim', data: g({ state: 'composing' }) },
  history: { scope: 'victim', data: g() },
  // `resume` is tried on its own: it answers for the caller's chats and must say nothing of others'.
  resume: { scope: 'self', data: (w) => ({ cursors: { [w.group.id]: 0, [w.direct.id]: 0, [w.livechat.id]: 0 } }) },
  chats: { scope: 'self', data: () => ({}) },
  ping: { scope: 'self', data: () => ({}) },
  // Another user's valid token (the victim's) must not take over the attacker's socket.
  auth: { scope: 'victim', data: (w) => ({ token: w.alice.token }) },
  features: { scope: 'self', data: () => ({}) },
  'favourites.set': { scope: 'victim', data: (w) => ({ chatId: w.group.id, messageId: w.group.messageId, favourite: true }) },
  'favourites.list': { scope: 'self', data: () => ({}) },
  'favourites.clear': { scope: 'self', data: () => ({}) },
  'chat.clear': { scope: 'victim', data: g() },
  'chat.delete': { scope: 'victim', data: (w) => ({ chatId: w.direct.id }) },
  'chats.clearAll': { scope: 'self', data: () => ({}) },
  'chats.deleteAll': { scope: 'self', data: () => ({}) },
  'messages.deleteForMe': { scope: 'victim', data: (w) => ({ chatId: w.group.id, messageIds: [w.group.messageId] }) },
  'messages.deleteForEveryone': { scope: 'victim', data: (w) => ({ chatId: w.group.id, messageIds: [w.group.messageId] }) },
  'chat.mute': { scope: 'victim', data: g({ muted: true }) },
  'chat.archive': { scope: 'victim', data: g({ archived: true }) },
  'chats.archived': { scope: 'self', data: () => ({}) },
  forward: { scope: 'victim', data: (w, me) => ({ messageIds: [w.group.messageId], toUserIds: [me] }) },
  'message.get': { scope: 'victim', data: (w) => ({ messageId: w.group.messageId }) },
  'direct.get': { scope: 'self', data: (w) => ({ userId: w.bob.id }) },
  'group.create': { scope: 'self', data: (w) => ({ title: 'mine', memberIds: [w.bob.id] }) },
  'group.get': { scope: 'victim', data: g() },
  'group.update': { scope: 'victim', data: g({ title: 'Hijacked' }) },
  'group.addMembers': { scope: 'victim', data: (w, me) => ({ chatId: w.group.id, userIds: [me] }) },
  'group.removeMember': { scope: 'victim', data: (w) => ({ chatId: w.group.id, userId: w.bob.id }) },
  'group.setAdmin': { scope: 'victim', data: (w, me) => ({ chatId: w.group.id, userId: me, admin: true }) },
  'group.leave': { scope: 'victim', data: g() },
  'group.delete': { scope: 'victim', data: g() },
  'groups.list': { scope: 'self', data: () => ({}) },
};
