import { ParleyError, isMediaType } from '@parley/protocol';
import type { ChatRow, MemberRow, MessageRow, Store } from '../../store/index.js';
import type { MediaRow } from '../../store/media-types.js';
import type { Actor } from '../actor.js';
import { actingUser, can } from '../../authz/index.js';
import type { ChatAccess } from '../chats/access.js';

/** A media message the actor may fetch, with its file. */
export interface MediaMessage {
  chat: ChatRow;
  /** The actor's membership; null for admins and for agents reading a live chat they are not in. */
  member: MemberRow | null;
  row: MessageRow;
  media: MediaRow;
}

/**
 * Who may fetch a chat's media: its current members, the tenant's admins, and — for live chats —
 * the tenant's agents. Another tenant's chat is "not found", as everywhere (ChatAccess).
 */
export async function mediaChatAccess(
  access: ChatAccess,
  store: Store,
  actor: Actor,
  chatId: string,
): Promise<{ chat: ChatRow; member: MemberRow | null }> {
  const chat = await access.chat(actor, chatId);
  const user = actingUser(actor);
  if (can(actor, 'accessAnyChat') || !user) return { chat, member: null };
  const member = await store.getMember(chatId, user.id);
  if (member && member.leftAt === null) return { chat, member };
  if (chat.kind === 'livechat' && can(actor, 'routeLivechat')) return { chat, member: null };
  throw new ParleyError('E_NOT_MEMBER', `You are not a member of chat ${chatId}`);
}

/** The media message `messageId` of the chat with its stored file, or the matching not-found error. */
export async function loadMediaMessage(store: Store, chat: ChatRow, member: MemberRow | null, messageId: string): Promise<Omit<MediaMessage, 'chat' | 'member'>> {
  const row = await store.getMessage(chat.tenantId, messageId);
  if (!row || row.chatId !== chat.id || row.deletedAt !== null || row.seq <= (member?.clearedSeq ?? 0)) {
    throw new ParleyError('E_MESSAGE_NOT_FOUND', `Message ${messageId} not found`);
  }
  if (!isMediaType(row.messageType)) throw new ParleyError('E_MEDIA_NOT_FOUND', `Message ${messageId} is not a media message`);
  const mediaId = (row.content as { mediaId?: unknown }).mediaId;
  const media = typeof mediaId === 'string' ? await store.media.getMedia(chat.tenantId, mediaId) : null;
  if (!media) throw new ParleyError('E_MEDIA_NOT_FOUND', `Message ${messageId} has no stored file`);
  return { row, media };
}
