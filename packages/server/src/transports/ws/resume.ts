import {
  ResumeSchema,
  validator,
  type ResumeChatStatus,
  type ResumeResult,
} from '@parley/protocol';
import type { GatewayServices } from './gateway-services.js';
import type { Connection } from './connection.js';
import { replayChat } from './replay.js';

const resumeInput = validator(ResumeSchema);

/**
 * Replays what a reconnecting client missed, chat by chat, as `message` events, before its ack and
 * before the live events held meanwhile (docs/protocol.md, Resume). The replay shows what history
 * shows this user; a `recovered` chat's `lastSeq` covers the messages hidden from them too.
 */
export async function resume(
  services: GatewayServices,
  conn: Connection,
  raw: unknown,
  maxPerChat: number,
): Promise<{ result: ResumeResult; covered: Map<string, number> }> {
  const input = resumeInput.parse(raw);
  const sameEpoch = input.epoch === undefined || input.epoch === services.epoch;
  const memberships = await services.messages.finder.memberships(conn.tenantId, conn.userId);
  const covered = new Map<string, number>();
  const chats: ResumeResult['chats'] = [];
  let replayed = 0;

  for (const { chatId, lastSeq } of memberships) {
    const cursor = input.cursors[chatId];
    let status: ResumeChatStatus;
    if (cursor === undefined) {
      status = 'new';
      covered.set(chatId, lastSeq);
    } else if (!sameEpoch || cursor > lastSeq || lastSeq - cursor > maxPerChat) {
      status = 'unrecoverable';
      covered.set(chatId, lastSeq);
    } else {
      status = 'recovered';
      const { through, written } = await replayChat(services, conn, chatId, cursor, lastSeq);
      replayed += written;
      covered.set(chatId, Math.max(through, cursor));
    }
    chats.push({ chatId, status, lastSeq });
  }
  for (const chatId of Object.keys(input.cursors)) {
    if (!covered.has(chatId)) chats.push({ chatId, status: 'gone', lastSeq: 0 });
  }
  return { result: { epoch: services.epoch, chats, replayed }, covered };
}
