import type { MessageType } from '@parley/protocol';
import type { ChatRow, MemberRow, MessageRow, NewMessage, Store } from '../../../store/index.js';
import type { Actor } from '../../actor.js';
import type { EventDispatcher } from '../../../events/dispatcher.js';

/** What a message rule sees: who sends what where. `message` may be refined (filled-in fields). */
export interface SendContext {
  actor: Actor;
  chat: ChatRow;
  /** The sender's membership; null for admin keys. */
  member: MemberRow | null;
  message: NewMessage;
  store: Store;
}

/** What an after-commit effect sees. */
export interface CommitContext {
  actor: Actor;
  chat: ChatRow;
  row: MessageRow;
  store: Store;
  events: EventDispatcher;
}

/**
 * The rules of one family of message types: `check` runs before the commit (throw a ParleyError to
 * refuse; nothing is stored), `afterCommit` runs once the message is durable (state changes the
 * message implies, like a chat ending).
 */
export interface MessageRule {
  types: readonly MessageType[];
  check?(ctx: SendContext): Promise<void>;
  afterCommit?(ctx: CommitContext): Promise<void>;
}
