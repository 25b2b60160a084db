import { isSeedTypedMessage, toSeedMessage, type SeedMessage } from '@parley/protocol';
import type { Store } from '../../store/index.js';
import type { Actor } from '../actor.js';
import type { ChatAccess } from '../chats/access.js';
import type { MessageReader } from './reader.js';

/** Rows read per query while exporting: memory stays bounded whatever the chat's length. */
export const EXPORT_PAGE = 500;

export interface ChatExportDeps {
  store: Store;
  access: ChatAccess;
  reader: MessageReader;
}

/**
 * A chat's messages as seed 001 objects (`{data, room}`), in seq order, read page by page. Access is
 * checked before the first page (call `next()` once to surface E_CHAT_NOT_FOUND / E_NOT_MEMBER before
 * streaming). Ended chats export too. `messageSeen` is the time each message was first seen (one
 * query per page; see first-seen.ts). `notice` log entries are left out.
 */
export async function* exportChat(deps: ChatExportDeps, actor: Actor, chatId: string): AsyncGenerator<SeedMessage, void, undefined> {
  const { chat } = await deps.access.member(actor, chatId);
  const members = await deps.store.listMembers(chat.id, { includeLeft: true });
  let after = 0;
  for (;;) {
    const rows = await deps.store.listMessages(chat.id, { after, limit: EXPORT_PAGE });
    // `notice` log entries (participants, transcript saved) are no seed 001 type: not exported.
    for (const message of await deps.reader.toMessages(rows, members)) if (isSeedTypedMessage(message)) yield toSeedMessage(message);
    const last = rows[rows.length - 1];
    if (last === undefined || rows.length < EXPORT_PAGE) return;
    after = last.seq;
  }
}
