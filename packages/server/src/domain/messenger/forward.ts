import { createHash, randomUUID } from 'node:crypto';
import { ForwardSchema, ParleyError, isMediaType, validator, type Message, type MessageType } from '@parley/protocol';
import type { ChatRow, MessageRow, NewMessage } from '../../store/index.js';
import { actorId, type Actor } from '../actor.js';
import { FEATURE_OF_KIND, KIND_OF_MESSAGE_TYPE } from '../media/accepted-types.js';
import { bodyHash } from '../messages/body-hash.js';
import { maySend } from '../messages/rules/index.js';
import { requireFeature } from '../tenants/index.js';
import type { MessengerDeps } from './deps.js';
import { userIdOf, visibleMessage } from './visibility.js';

const forwardInput = validator(ForwardSchema);

/** What can be forwarded: content that stands on its own (no answers, reactions or call signals). */
const FORWARDABLE: ReadonlySet<MessageType> = new Set(['TEXT', 'IMAGE', 'DOCUMENT', 'LINK', 'AUDIO', 'VIDEO', 'CONTACTS', 'LOCATION']);

/**
 * Seed 004 forwarding: copies of messages the caller can see, sent by the caller to chats they may
 * write in, or to users (in the direct chat with each, created when needed). Each copy is a new message
 * with `forwardedFrom`, committed one by one in the order asked; every message and target is checked
 * before the first is committed. With a `forwardId` the copies' ids are derived from it, so a retried
 * forward returns the same messages and stores nothing new.
 */
export class Forwarding {
  constructor(private readonly d: MessengerDeps) {}

  async forward(actor: Actor, raw: unknown): Promise<{ messages: Message[] }> {
    const input = forwardInput.parse(raw);
    const me = userIdOf(actor);
    const toChatIds = input.toChatIds ?? [];
    const toUserIds = input.toUserIds ?? [];
    if (toChatIds.length + toUserIds.length === 0) throw new ParleyError('E_VALIDATION', 'Name at least one chat or user to forward to', { path: '/toChatIds' });

    const sources = await this.checkSources(actor, input.messageIds);
    const targets: ChatRow[] = [];
    for (const chatId of toChatIds) targets.push((await this.d.access.writable(actor, chatId)).chat);
    for (const [i, userId] of toUserIds.entries()) {
      if (userId === me) throw new ParleyError('E_VALIDATION', 'You cannot forward to yourself', { path: `/toUserIds/${i}` });
      const user = await this.d.store.getUser(actor.tenant.id, userId);
      if (!user) throw new ParleyError('E_USER_NOT_FOUND', `User ${userId} not found`, { path: `/toUserIds/${i}` });
    }
    // Direct chats are created only once everything else checked out.
    for (const userId of toUserIds) {
      const chat = await this.d.chats.create(actor, { kind: 'direct', members: [{ userId }] });
      targets.push((await this.d.access.writable(actor, chat.id)).chat);
    }

    const out: Message[] = [];
    const seen = new Set<string>();
    for (const target of targets) {
      if (seen.has(target.id)) continue;
      seen.add(target.id);
      for (const source of sources) {
        out.push(await this.d.messages.commitChecked(actor, target, this.copy(actor, target, source, input.forwardId)));
      }
    }
    return { messages: out };
  }

  private async checkSources(actor: Actor, messageIds: readonly string[]): Promise<MessageRow[]> {
    const rows: MessageRow[] = [];
    for (const [i, id] of messageIds.entries()) {
      const path = `/messageIds/${i}`;
      const found = await this.d.store.getMessage(actor.tenant.id, id);
      if (!found) throw new ParleyError('E_MESSAGE_NOT_FOUND', `Message ${id} not found`, { path });
      let row: MessageRow;
      try {
        const { chat, member } = await this.d.access.member(actor, found.chatId);
        row = await visibleMessage(this.d.store, chat, member, id, path);
      } catch (err) {
        // A message of a chat the caller is not in is not revealed: "not found" like an unknown id.
        if (err instanceof ParleyError && err.code === 'E_NOT_MEMBER') throw new ParleyError('E_MESSAGE_NOT_FOUND', `Message ${id} not found`, { path });
        throw err;
      }
      if (row.deletedAt !== null) throw new ParleyError('E_MESSAGE_NOT_FOUND', `Message ${id} was deleted`, { path });
      const type = row.messageType;
      if (type === 'notice' || !FORWARDABLE.has(type)) throw new ParleyError('E_VALIDATION', `A ${type} message cannot be forwarded`, { path });
      if (!maySend(actor, type)) throw new ParleyError('E_FORBIDDEN', `You may not send ${type}`, { path });
      if (isMediaType(type)) requireFeature(actor.tenant, FEATURE_OF_KIND[KIND_OF_MESSAGE_TYPE[type]]);
      rows.push(row);
    }
    return rows;
  }

  private copy(actor: Actor, target: ChatRow, source: MessageRow, forwardId: string | undefined): NewMessage {
    const content = { ...source.content };
    return {
      tenantId: target.tenantId,
      chatId: target.id,
      id: forwardId === undefined ? randomUUID() : derivedId(forwardId, target.id, source.id),
      senderId: actorId(actor),
      messageType: source.messageType,
      content,
      replyTo: '',
      mentions: [],
      forwardedFrom: { chatId: source.chatId, messageId: source.id },
      ts: Date.now(),
      bodyHash: bodyHash({ chatId: target.id, messageType: source.messageType, content, replyTo: '', mentions: [] }),
    };
  }
}

/** A UUID-shaped id that is the same for the same forward, target and source. */
function derivedId(forwardId: string, chatId: string, messageId: string): string {
  const h = createHash('sha256').update(`${forwardId.toLowerCase()}\u0000${chatId}\u0000${messageId}`).digest('hex');
  const variant = ((parseInt(h.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
