import {
  AllChatsSchema,
  ArchiveChatSchema,
  ClearChatSchema,
  DeleteChatSchema,
  EmptySchema,
  MuteChatSchema,
  validator,
  type ChatSummary,
} from '@parley/protocol';
import type { ChatRow, MemberRow } from '../../store/index.js';
import type { Actor } from '../actor.js';
import { requireFeature } from '../tenants/index.js';
import type { MessengerDeps } from './deps.js';
import { MESSENGER_FEATURES } from './features.js';
import { userIdOf, visibleMessage } from './visibility.js';

const clearInput = validator(ClearChatSchema);
const deleteInput = validator(DeleteChatSchema);
const allInput = validator(AllChatsSchema);
const muteInput = validator(MuteChatSchema);
const archiveInput = validator(ArchiveChatSchema);
const emptyInput = validator(EmptySchema);

/**
 * A member's own view of a chat (seed 004): clear it (messages up to a point disappear for them only),
 * delete it from their recent chats (until the next message), mute it, archive it. Nothing here
 * changes what the other members see, so no event goes out.
 */
export class ChatState {
  constructor(private readonly d: MessengerDeps) {}

  /** Clears the chat for the caller, up to `upToMessageId` (inclusive) or entirely. */
  async clear(actor: Actor, raw: unknown): Promise<{ clearedSeq: number }> {
    const input = clearInput.parse(raw);
    requireFeature(actor.tenant, MESSENGER_FEATURES.clearChat);
    userIdOf(actor);
    const { chat, member } = await this.d.access.member(actor, input.chatId);
    let upTo: number | undefined;
    if (input.upToMessageId !== undefined) upTo = (await visibleMessage(this.d.store, chat, member, input.upToMessageId, '/upToMessageId')).seq;
    return this.doClear(chat, member as MemberRow, { upTo, keepFavourites: input.keepFavourites ?? true, hide: false });
  }

  /** Deletes the chat from the caller's recent chats: cleared entirely and hidden until a new message. */
  async delete(actor: Actor, raw: unknown): Promise<{ clearedSeq: number }> {
    const input = deleteInput.parse(raw);
    requireFeature(actor.tenant, MESSENGER_FEATURES.deleteChat);
    userIdOf(actor);
    const { chat, member } = await this.d.access.member(actor, input.chatId);
    return this.doClear(chat, member as MemberRow, { keepFavourites: input.keepFavourites ?? true, hide: true });
  }

  /** Clears every chat of the caller (they stay in the recent chats). */
  async clearAll(actor: Actor, raw: unknown = {}): Promise<{ chats: number }> {
    const input = allInput.parse(raw ?? {});
    requireFeature(actor.tenant, MESSENGER_FEATURES.clearChat);
    return this.eachChat(actor, { keepFavourites: input.keepFavourites ?? true, hide: false });
  }

  /** Deletes every chat from the caller's recent chats. */
  async deleteAll(actor: Actor, raw: unknown = {}): Promise<{ chats: number }> {
    const input = allInput.parse(raw ?? {});
    requireFeature(actor.tenant, MESSENGER_FEATURES.deleteChat);
    return this.eachChat(actor, { keepFavourites: input.keepFavourites ?? true, hide: true });
  }

  async mute(actor: Actor, raw: unknown): Promise<{ muted: boolean }> {
    const input = muteInput.parse(raw);
    const userId = userIdOf(actor);
    await this.d.access.member(actor, input.chatId);
    await this.d.store.updateMemberState(input.chatId, userId, { muted: input.muted });
    this.d.access.invalidateMember(input.chatId, userId);
    return { muted: input.muted };
  }

  async archive(actor: Actor, raw: unknown): Promise<{ archived: boolean }> {
    const input = archiveInput.parse(raw);
    const userId = userIdOf(actor);
    await this.d.access.member(actor, input.chatId);
    await this.d.store.updateMemberState(input.chatId, userId, { archived: input.archived });
    this.d.access.invalidateMember(input.chatId, userId);
    return { archived: input.archived };
  }

  /** The caller's archived chats, as the recent chats show them. */
  async archived(actor: Actor, raw: unknown = {}): Promise<ChatSummary[]> {
    emptyInput.parse(raw ?? {});
    userIdOf(actor);
    return this.d.chats.recent(actor, { archived: true, limit: 100 });
  }

  private async eachChat(actor: Actor, opts: { keepFavourites: boolean; hide: boolean }): Promise<{ chats: number }> {
    const userId = userIdOf(actor);
    let chats = 0;
    for (const { chatId } of await this.d.store.listMemberships(actor.tenant.id, userId)) {
      const [chat, member] = await Promise.all([this.d.store.getChat(chatId), this.d.store.getMember(chatId, userId)]);
      if (!chat || !member || member.leftAt !== null) continue;
      await this.doClear(chat, member, opts);
      chats++;
    }
    return { chats };
  }

  /** Moves the member's cleared mark up (never down), drops favourites when asked, hides when asked. */
  private async doClear(chat: ChatRow, member: MemberRow, opts: { upTo?: number; keepFavourites: boolean; hide: boolean }): Promise<{ clearedSeq: number }> {
    // The chat's newest seq, from the store: the access cache may be a few messages behind.
    const lastSeq = opts.upTo ?? (await this.d.store.getChat(chat.id))?.lastSeq ?? chat.lastSeq;
    const clearedSeq = Math.max(member.clearedSeq, lastSeq);
    await this.d.store.updateMemberState(chat.id, member.userId, { clearedSeq, ...(opts.hide ? { hidden: true } : {}) });
    this.d.access.invalidateMember(chat.id, member.userId);
    if (!opts.keepFavourites) await this.d.store.messenger.removeFavourites(chat.tenantId, member.userId, { chatId: chat.id, maxSeq: clearedSeq });
    return { clearedSeq };
  }
}
