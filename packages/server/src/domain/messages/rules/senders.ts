import { MESSAGE_TYPES, ParleyError, isMessageType, type MessageType, type StoredMessageType, type UserKind } from '@parley/protocol';
import type { Actor } from '../../actor.js';
import { actingUser } from '../../../authz/index.js';
import type { MessageRule, SendContext } from './types.js';

/** Who sends: a user of some kind, or a tenant's admin API key (an integration, a connector). */
export type SenderKind = UserKind | 'admin';

const EVERYONE: readonly SenderKind[] = ['agent', 'customer', 'member', 'bot', 'admin'];
/** The business side: agents, bots and integrations ask; they do not answer their own questions. */
const BUSINESS: readonly SenderKind[] = ['agent', 'bot', 'admin'];
/** The people who answer a MENU, QUICK_REPLY or FORM. */
const ANSWERERS: readonly SenderKind[] = ['customer', 'member'];
/** A user (not an API key): reactions and leaving belong to someone in the chat. */
const USERS: readonly SenderKind[] = ['agent', 'customer', 'member', 'bot'];
/** People in a call: bots and API keys take no part in video or screen sharing. */
const PEOPLE: readonly SenderKind[] = ['agent', 'customer', 'member'];

/** Who may send each message type (docs/messages.md has the table). A wrong sender is E_FORBIDDEN. */
export const SENDERS: Readonly<Record<MessageType, readonly SenderKind[]>> = {
  TEXT: EVERYONE,
  IMAGE: EVERYONE,
  DOCUMENT: EVERYONE,
  LINK: EVERYONE,
  AUDIO: EVERYONE,
  VIDEO: EVERYONE,
  MENU: BUSINESS,
  MENU_RESPONSE: ANSWERERS,
  QUICK_REPLY: BUSINESS,
  QUICK_REPLY_RESPONSE: ANSWERERS,
  FORM: BUSINESS,
  FORM_RESPONSE: ANSWERERS,
  REACTION: USERS,
  CONTACTS: EVERYONE,
  LOCATION: EVERYONE,
  videoRequestedByAgent: ['agent'],
  videoRequestedByCustomer: ['customer'],
  videoAccepted: PEOPLE,
  videoRejected: PEOPLE,
  videoStarted: PEOPLE,
  videoEnded: PEOPLE,
  screenSharingStarted: PEOPLE,
  screenSharingEnded: PEOPLE,
  endChat: EVERYONE,
  leave: USERS,
};

export function senderKind(actor: Actor): SenderKind {
  // A person sends as their kind: staff accounts (owner, admin, supervisor) write in chats as agents.
  // Keys, the operator's too, send as an admin key; the message type table has no separate row for them.
  return actingUser(actor)?.kind ?? 'admin';
}

/** Whether this sender may send this type (nobody sends `notice`: the server writes it). */
export function maySend(actor: Actor, messageType: StoredMessageType): boolean {
  return isMessageType(messageType) && SENDERS[messageType].includes(senderKind(actor));
}

/** Refuses a message type its sender may not send. */
export const senderRule: MessageRule = {
  types: MESSAGE_TYPES,
  check({ actor, message }: SendContext): Promise<void> {
    if (!maySend(actor, message.messageType)) {
      const kind = senderKind(actor);
      throw new ParleyError('E_FORBIDDEN', `${kind === 'admin' ? 'An API key' : `A ${kind}`} may not send ${message.messageType}`, {
        path: '/messageType',
      });
    }
    return Promise.resolve();
  },
};
