import { randomUUID } from 'node:crypto';
import { NOTICE_TYPE, type NoticeContent, type NoticeEvent } from '@parley/protocol';
import type { ChatRow, MessageRow } from '../../store/index.js';
import type { EventDispatcher } from '../../events/dispatcher.js';
import type { MessageReader } from '../messages/reader.js';
import type { CommitQueue } from '../commit-queue.js';
import { bodyHash } from '../messages/body-hash.js';

export interface NoticeDeps {
  writer: CommitQueue;
  reader: MessageReader;
  events: EventDispatcher;
}

/**
 * Writes a `notice` entry in a live chat's log (a participant joined, left or rejoined, the transcript
 * was saved, a transfer) through the group-commit writer, so it takes the next seq like any message,
 * then publishes it as a `message` event. `userId` is the participant the notice is about. Resolves
 * to the stored row, or null when the chat refused it (it ended meanwhile).
 */
export async function appendNotice(
  deps: NoticeDeps,
  chat: Pick<ChatRow, 'id' | 'tenantId'>,
  userId: string,
  event: NoticeEvent,
  opts: { text?: string; afterEnd?: boolean; at?: number } = {},
): Promise<MessageRow | null> {
  const content: NoticeContent = opts.text === undefined ? { event } : { event, text: opts.text };
  const result = await deps.writer.append({
    tenantId: chat.tenantId,
    chatId: chat.id,
    id: randomUUID(),
    senderId: userId,
    messageType: NOTICE_TYPE,
    content: { ...content },
    replyTo: '',
    mentions: [],
    forwardedFrom: null,
    ts: opts.at ?? Date.now(),
    bodyHash: bodyHash({ chatId: chat.id, messageType: NOTICE_TYPE, content: { ...content }, replyTo: '', mentions: [] }),
    ...(opts.afterEnd === true ? { afterEnd: true } : {}),
  });
  if (result.status !== 'created') return null;
  deps.events.chat(chat.tenantId, chat.id, 'message', await deps.reader.toMessage(result.row), { seq: result.row.seq });
  return result.row;
}
