// Set-up of the history scenario through the admin API: a reader and another member in a direct chat
// (the chat that `history-seed` fills), and a busy user (whose chats `history-seed` creates).
import { ParleyAdmin } from './parley-admin.js';
import type { HistoryState } from '../history.js';

const TOKEN_TTL_SECONDS = 3600;

export async function setupHistory(httpUrl: string, adminKey: string): Promise<HistoryState> {
  const admin = new ParleyAdmin(httpUrl, adminKey);
  const readerId = await admin.createUser('history reader');
  const otherId = await admin.createUser('history writer');
  const busyId = await admin.createUser('member of many chats');
  const chatId = await admin.createChat('direct', [readerId, otherId]);
  return {
    chatId,
    readerId,
    readerToken: await admin.issueToken(readerId, TOKEN_TTL_SECONDS),
    otherId,
    busyId,
    busyToken: await admin.issueToken(busyId, TOKEN_TTL_SECONDS),
    messages: 0,
    recentChats: 0,
  };
}
