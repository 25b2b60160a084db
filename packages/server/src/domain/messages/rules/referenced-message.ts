import { ParleyError, REFERENCE_TARGET_TYPES, type MessageReference } from '@parley/protocol';
import type { MessageRow } from '../../../store/index.js';
import type { SendContext } from './types.js';

/** The field that names each kind of reference, for error paths. */
const REFERENCE_PATHS: Readonly<Record<MessageReference['kind'], string>> = {
  menu: '/content/menuId',
  quickReply: '/content/quickReplyId',
  form: '/replyTo',
  reaction: '/replyTo',
};

function refused(path: string, message: string): ParleyError {
  return new ParleyError('E_VALIDATION', `${path}: ${message}`, { path, details: [{ path, message }] });
}

/**
 * Loads the message a reference points at: a message of the same chat, not deleted for everyone, of
 * the type the reference needs (`REFERENCE_TARGET_TYPES`). A form reference without an id is the
 * chat's latest FORM. Anything else is E_VALIDATION at the field that named it.
 */
export async function referencedMessage(ctx: SendContext, ref: MessageReference): Promise<MessageRow> {
  const path = REFERENCE_PATHS[ref.kind];
  const want = REFERENCE_TARGET_TYPES[ref.kind];
  const target =
    ref.messageId === null
      ? want === null
        ? null
        : await ctx.store.getLatestMessageOfType(ctx.chat.id, want)
      : await ctx.store.getMessage(ctx.chat.tenantId, ref.messageId);
  if (target === null || target.chatId !== ctx.chat.id) {
    throw refused(path, ref.messageId === null ? `no ${want ?? 'message'} in the chat to answer` : 'no such message in the chat');
  }
  if (target.deletedAt !== null) throw refused(path, 'the message was deleted');
  if (want !== null && target.messageType !== want) throw refused(path, `not a ${want} message`);
  return target;
}
