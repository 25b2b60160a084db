import { DeleteMessagesSchema, NOTICE_TYPE, ParleyError, validator, type Message } from '@parley/protocol';
import type { Actor } from '../actor.js';
import { actorId } from '../actor.js';
import { can } from '../../authz/index.js';
import { requireFeature } from '../tenants/index.js';
import type { MessengerDeps } from './deps.js';
import { MESSENGER_FEATURES } from './features.js';
import { userIdOf, visibleMessages } from './visibility.js';

const deleteInput = validator(DeleteMessagesSchema);

/**
 * Seed 004's message deletion. "For me" hides messages from the caller only; "for everyone" replaces
 * the sender's own messages with the deleted marker for every member (a `message.updated` event) and
 * makes their attachments unreachable (the media routes refuse a deleted message).
 */
export class MessageDeletion {
  constructor(private readonly d: MessengerDeps) {}

  async forMe(actor: Actor, raw: unknown): Promise<{ messageIds: string[] }> {
    const input = deleteInput.parse(raw);
    requireFeature(actor.tenant, MESSENGER_FEATURES.deleteMessage);
    const userId = userIdOf(actor);
    const { chat, member } = await this.d.access.member(actor, input.chatId);
    const rows = await visibleMessages(this.d.store, chat, member, input.messageIds);
    const now = Date.now();
    await this.d.store.messenger.hideMessages(
      rows.map((r) => ({ tenantId: chat.tenantId, chatId: chat.id, userId, seq: r.seq, messageId: r.id, hiddenAt: now })),
    );
    for (const r of rows) await this.d.store.messenger.removeFavourite(chat.tenantId, userId, r.id);
    return { messageIds: rows.map((r) => r.id) };
  }

  async forEveryone(actor: Actor, raw: unknown): Promise<{ messages: Message[] }> {
    const input = deleteInput.parse(raw);
    requireFeature(actor.tenant, MESSENGER_FEATURES.deleteMessage);
    const { chat, member } = await this.d.access.member(actor, input.chatId);
    const rows = await visibleMessages(this.d.store, chat, member, input.messageIds);
    const me = actorId(actor);
    for (const [i, r] of rows.entries()) {
      if (r.messageType === NOTICE_TYPE) throw new ParleyError('E_FORBIDDEN', 'Server notices cannot be deleted', { path: `/messageIds/${i}` });
      // Admin keys moderate: they delete anyone's message for everyone.
      if (!can(actor, 'manageTenant') && r.senderId !== me) {
        throw new ParleyError('E_FORBIDDEN', `Only its sender may delete message ${r.id} for everyone`, { path: `/messageIds/${i}` });
      }
    }
    const at = Date.now();
    const out: Message[] = [];
    // The updated message says when it was first seen, as history does.
    const members = await this.d.store.listMembers(chat.id, { includeLeft: true });
    for (const r of rows) {
      const already = r.deletedAt !== null;
      if (!already) {
        await this.d.store.markMessageDeleted(chat.id, r.seq, at);
        await this.d.store.messenger.removeFavouritesOfMessage(chat.tenantId, r.id);
      }
      const row = (await this.d.store.getMessageBySeq(chat.id, r.seq)) ?? r;
      const message = await this.d.reader.toMessage(row, members);
      if (!already) this.d.events.chat(chat.tenantId, chat.id, 'message.updated', message, { seq: row.seq });
      out.push(message);
    }
    return { messages: out };
  }
}
