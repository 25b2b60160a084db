import type { AppendResult, MessageRow, NewMessage } from '../types.js';
import { newMessageRow } from './row-mapping.js';

/** A chat as the group commit sees it, read under the batch's write lock. */
export interface ChatForAppend {
  tenantId: string;
  state: string;
}

/** What a batch will write, once its chats and already-stored ids are known. */
export interface AppendPlan {
  /** One per item of the batch, in order; created rows get their seq in `numberRows`. */
  results: AppendResult[];
  /** New rows per chat, in batch order; chats in id order (the order their rows are written). */
  createdByChat: Map<string, MessageRow[]>;
  /** Chats that a message of this batch ends. */
  endingChats: Set<string>;
}

/**
 * The engine-independent heart of the group commit: classifies each item of a batch in array order
 * (duplicate or conflict of a stored or earlier id, missing chat, ended chat, created). A message that
 * ends its chat closes it to the items after it. Every store engine does its reads, calls this, then
 * does its writes.
 */
export function planAppend(
  batch: readonly NewMessage[],
  chats: ReadonlyMap<string, ChatForAppend>,
  known: Map<string, MessageRow>,
): AppendPlan {
  const results: AppendResult[] = [];
  const createdByChat = new Map<string, MessageRow[]>();
  const endingChats = new Set<string>();
  const endedChats = new Set<string>();
  for (const [chatId, chat] of chats) if (chat.state === 'ended') endedChats.add(chatId);
  for (const message of batch) {
    const key = messageKey(message.tenantId, message.id);
    const prior = known.get(key);
    if (prior !== undefined) {
      const same = prior.senderId === message.senderId && prior.bodyHash === message.bodyHash;
      results.push({ status: same ? 'duplicate' : 'conflict', row: prior });
      continue;
    }
    if (chats.get(message.chatId)?.tenantId !== message.tenantId) {
      results.push({ status: 'missing_chat' });
      continue;
    }
    if (endedChats.has(message.chatId) && message.afterEnd !== true) {
      results.push({ status: 'chat_ended' });
      continue;
    }
    if (message.endsChat === true) {
      endedChats.add(message.chatId);
      endingChats.add(message.chatId);
    }
    const row = newMessageRow(message);
    known.set(key, row);
    const rows = createdByChat.get(message.chatId);
    if (rows === undefined) createdByChat.set(message.chatId, [row]);
    else rows.push(row);
    results.push({ status: 'created', row });
  }
  const sorted = new Map([...createdByChat].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { results, createdByChat: sorted, endingChats };
}

/** Numbers a chat's new rows after its `last_seq` was bumped by their count; the new `last_seq` in. */
export function numberRows(rows: readonly MessageRow[], lastSeq: number): void {
  let seq = lastSeq - rows.length;
  for (const row of rows) row.seq = ++seq;
}

/** The sender has delivered and seen what they sent: per (chat, sender), their newest new row. */
export function newestBySender(created: readonly MessageRow[]): MessageRow[] {
  const newest = new Map<string, MessageRow>();
  for (const row of created) newest.set(`${row.chatId}\u0000${row.senderId}`, row);
  return [...newest.values()];
}

/** The results to hand back: items repeating an id of this batch get their own copy of the row. */
export function finishResults(results: readonly AppendResult[]): AppendResult[] {
  return results.map((result) =>
    result.status === 'duplicate' || result.status === 'conflict' ? { ...result, row: { ...result.row } } : result,
  );
}

export function messageKey(tenantId: string, id: string): string {
  return `${tenantId}\u0000${id}`;
}
