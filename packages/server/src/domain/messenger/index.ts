import { DirectChatSchema, EmptySchema, GetMessageSchema, ParleyError, validator, type Chat, type FeatureList, type Message } from '@parley/protocol';
import type { Actor } from '../actor.js';
import { toChat } from '../chats/convert.js';
import { ChatState } from './chat-state.js';
import { MessageDeletion } from './deletion.js';
import type { MessengerDeps } from './deps.js';
import { Favourites } from './favourites.js';
import { featureList } from './features.js';
import { Forwarding } from './forward.js';
import { Groups } from './groups.js';
import { userIdOf } from './visibility.js';

export type { MessengerDeps } from './deps.js';
export { MESSENGER_FEATURES, featureList } from './features.js';

const getInput = validator(GetMessageSchema);
const directInput = validator(DirectChatSchema);
const emptyInput = validator(EmptySchema);

/**
 * The messenger of seed 004, one service per concern: favourites, the member's own chat state
 * (clear, delete, mute, archive), message deletion, forwarding and groups; plus the plan's features,
 * a message by id (reply messages) and the direct chat with a user. Every write checks access
 * (`ChatAccess`) and the tenant's plan before it commits.
 */
export class MessengerService {
  readonly favourites: Favourites;
  readonly chatState: ChatState;
  readonly deletion: MessageDeletion;
  readonly forwarding: Forwarding;
  readonly groups: Groups;

  constructor(private readonly d: MessengerDeps) {
    this.favourites = new Favourites(d);
    this.chatState = new ChatState(d);
    this.deletion = new MessageDeletion(d);
    this.forwarding = new Forwarding(d);
    this.groups = new Groups(d);
  }

  /** The features of the caller's plan. */
  features(actor: Actor, raw: unknown = {}): FeatureList {
    emptyInput.parse(raw ?? {});
    return featureList(actor.tenant);
  }

  /**
   * A message by id wherever it is (seed 004 getReplyMessage), if the caller is in its chat and may
   * see it; `chatKind` narrows it to direct or group chats. Anything else is E_MESSAGE_NOT_FOUND.
   */
  async message(actor: Actor, raw: unknown): Promise<Message> {
    const input = getInput.parse(raw);
    const notFound = new ParleyError('E_MESSAGE_NOT_FOUND', `Message ${input.messageId} not found`, { path: '/messageId' });
    const row = await this.d.store.getMessage(actor.tenant.id, input.messageId);
    if (!row) throw notFound;
    try {
      const { chat } = await this.d.access.member(actor, row.chatId);
      if (input.chatKind !== undefined && chat.kind !== input.chatKind) throw notFound;
      return await this.d.messages.get(actor, row.chatId, row.id);
    } catch (err) {
      if (err instanceof ParleyError && (err.code === 'E_NOT_MEMBER' || err.code === 'E_MESSAGE_NOT_FOUND')) throw notFound;
      throw err;
    }
  }

  /** The caller's direct chat with a user, or null when they never talked. */
  async directChat(actor: Actor, raw: unknown): Promise<{ chat: Chat | null }> {
    const input = directInput.parse(raw);
    const me = userIdOf(actor);
    const key = [me, input.userId].sort().join('|');
    const row = await this.d.store.getDirectChat(actor.tenant.id, key);
    if (!row) return { chat: null };
    const member = await this.d.store.getMember(row.id, me);
    return { chat: member && member.leftAt === null ? toChat(row) : null };
  }
}
