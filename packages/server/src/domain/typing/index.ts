import { TypingSchema, validator } from '@parley/protocol';
import type { EventDispatcher } from '../../events/dispatcher.js';
import type { Actor } from '../actor.js';
import { requireUser } from '../../authz/index.js';
import type { ChatAccess } from '../chats/access.js';

const typingInput = validator(TypingSchema);

/** How long a `composing` notice lives unless renewed. */
export const TYPING_TTL_MS = 6_000;

/** Typing notices: relayed to the chat, never stored, lapsing by themselves. */
export class TypingService {
  constructor(
    private readonly access: ChatAccess,
    private readonly events: EventDispatcher,
  ) {}

  async set(actor: Actor, raw: unknown, origin?: string): Promise<void> {
    const input = typingInput.parse(raw);
    const { user } = requireUser(actor, 'Typing belongs to a user');
    const { chat } = await this.access.writable(actor, input.chatId);
    this.events.chat(
      chat.tenantId,
      chat.id,
      'typing',
      {
        chatId: chat.id,
        userId: user.id,
        nickname: user.nickname,
        state: input.state,
        expiresAt: input.state === 'composing' ? Date.now() + TYPING_TTL_MS : Date.now(),
      },
      { origin },
    );
  }
}
