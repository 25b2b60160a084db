import type { Message } from '@parley/protocol';
import type { MemberRow, MessageRow } from '../../store/index.js';
import type { UserDirectory } from '../users/directory.js';

/** The deleted marker that replaces a message deleted for everyone. */
export const DELETED_CONTENT = { deleted: true } as const;

/** Turns stored rows into wire messages: the sender's user object and the seen time added. */
export class MessageReader {
  constructor(private readonly users: UserDirectory) {}

  /**
   * `members` (when given) supply `messageSeen`: the earliest time another member's seen watermark
   * covered the message. Live events leave it null; receipts report it.
   */
  async toMessage(row: MessageRow, members?: readonly MemberRow[]): Promise<Message> {
    const user = await this.users.messageUser(row.tenantId, row.senderId);
    let messageSeen: number | null = null;
    if (members) {
      for (const m of members) {
        if (m.userId === row.senderId || m.seenSeq < row.seq || m.seenAt === null) continue;
        if (messageSeen === null || m.seenAt < messageSeen) messageSeen = m.seenAt;
      }
    }
    const deleted = row.deletedAt !== null;
    return {
      chatId: row.chatId,
      seq: row.seq,
      id: row.id,
      messageType: row.messageType,
      ts: row.ts,
      senderId: row.senderId,
      content: { ...(deleted ? DELETED_CONTENT : row.content), user },
      replyTo: row.replyTo,
      mentions: row.mentions,
      forwardedFrom: row.forwardedFrom,
      deliverySuccess: row.deliverySuccess,
      deliveryErrorReason: row.deliveryErrorReason,
      messageSeen,
      deleted,
    };
  }

  async toMessages(rows: readonly MessageRow[], members?: readonly MemberRow[]): Promise<Message[]> {
    const out: Message[] = [];
    for (const row of rows) out.push(await this.toMessage(row, members));
    return out;
  }
}
