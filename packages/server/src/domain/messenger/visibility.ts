import { ParleyError } from '@parley/protocol';
import type { ChatRow, MemberRow, MessageRow, Store } from '../../store/index.js';
import type { Actor } from '../actor.js';
import { requireUser } from '../../authz/index.js';
import { visibleRow } from '../messages/index.js';

/** The user an actor is; the messenger's per-user state has no meaning for an admin key. */
export function userIdOf(actor: Actor): string {
  return requireUser(actor, 'This operation belongs to a user; use a user token').user.id;
}

/**
 * A message of the chat as this member may see it: in the chat, not cleared by them, not deleted for
 * them (the message finder's rules). Anything else is "not found", whatever the reason (another
 * chat's message is not revealed).
 */
export async function visibleMessage(
  store: Store,
  chat: ChatRow,
  member: MemberRow | null,
  messageId: string,
  path?: string,
): Promise<MessageRow> {
  const row = await visibleRow(store, chat, member, messageId);
  if (!row) throw new ParleyError('E_MESSAGE_NOT_FOUND', `Message ${messageId} not found in chat ${chat.id}`, path === undefined ? {} : { path });
  return row;
}

/** `visibleMessage` for several ids: all are checked before any is returned (bad input changes nothing). */
export async function visibleMessages(store: Store, chat: ChatRow, member: MemberRow | null, messageIds: readonly string[]): Promise<MessageRow[]> {
  const rows: MessageRow[] = [];
  for (const [i, id] of [...new Set(messageIds)].entries()) rows.push(await visibleMessage(store, chat, member, id, `/messageIds/${i}`));
  return rows;
}
