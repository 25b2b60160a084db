import type { MessengerOpMap } from '@parley/protocol';
import type { OpHandler } from './ops.js';

/** The messenger's WebSocket operations (seed 004): each a thin call into the messenger service. */
export const MESSENGER_OPS: Record<keyof MessengerOpMap, OpHandler> = {
  features: (s, conn, data) => Promise.resolve(s.messenger.features(conn.actor, data)),
  'favourites.set': (s, conn, data) => s.messenger.favourites.set(conn.actor, data),
  'favourites.list': (s, conn, data) => s.messenger.favourites.list(conn.actor, data),
  'favourites.clear': (s, conn, data) => s.messenger.favourites.clear(conn.actor, data),
  'chat.clear': (s, conn, data) => s.messenger.chatState.clear(conn.actor, data),
  'chat.delete': (s, conn, data) => s.messenger.chatState.delete(conn.actor, data),
  'chats.clearAll': (s, conn, data) => s.messenger.chatState.clearAll(conn.actor, data),
  'chats.deleteAll': (s, conn, data) => s.messenger.chatState.deleteAll(conn.actor, data),
  'messages.deleteForMe': (s, conn, data) => s.messenger.deletion.forMe(conn.actor, data),
  'messages.deleteForEveryone': (s, conn, data) => s.messenger.deletion.forEveryone(conn.actor, data),
  'chat.mute': (s, conn, data) => s.messenger.chatState.mute(conn.actor, data),
  'chat.archive': (s, conn, data) => s.messenger.chatState.archive(conn.actor, data),
  'chats.archived': (s, conn, data) => s.messenger.chatState.archived(conn.actor, data),
  forward: (s, conn, data) => s.messenger.forwarding.forward(conn.actor, data),
  'message.get': (s, conn, data) => s.messenger.message(conn.actor, data),
  'direct.get': (s, conn, data) => s.messenger.directChat(conn.actor, data),
  'group.create': (s, conn, data) => s.messenger.groups.create(conn.actor, data),
  'group.get': (s, conn, data) => s.messenger.groups.get(conn.actor, data),
  'group.update': (s, conn, data) => s.messenger.groups.update(conn.actor, data),
  'group.addMembers': (s, conn, data) => s.messenger.groups.addMembers(conn.actor, data),
  'group.removeMember': (s, conn, data) => s.messenger.groups.removeMember(conn.actor, data),
  'group.setAdmin': (s, conn, data) => s.messenger.groups.setAdmin(conn.actor, data),
  'group.leave': (s, conn, data) => s.messenger.groups.leave(conn.actor, data),
  'group.delete': (s, conn, data) => s.messenger.groups.delete(conn.actor, data),
  'groups.list': (s, conn, data) => s.messenger.groups.list(conn.actor, data),
};
