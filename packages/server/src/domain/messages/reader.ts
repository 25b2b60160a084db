import type { Message } from '@parley/protocol';
import type { MemberRow, MessageRow } from '../../store/index.js';
import type { UserDirectory } from '../users/directory.js';
import type { FirstSeen } from './first-seen.js';

/** The deleted marker that replaces a message deleted for everyone. */
export const DELETED_CONTENT = { deleted: true } as const;

/** Turns stored rows into wire messages: the sender's user object and the seen time added. */
export class MessageReader {
  constructor(
    private readonly users: UserDirectory,
    private readonly firstSeen: FirstSeen,
  ) {}

  /**
   * `members` (the chat's, when given) ask for `messageSeen`: the time the message was first seen
   * (first-seen.ts), which never changes after. Live events leave it null; receipts report it.
   */
  async toMessage(row: MessageRow, members?: readonly MemberRow[]): Promise<Message> {
    return (await this.toMessages([row], members))[0] as Message;
  }

  /** `toMessage` for rows of one chat, with one query for their seen times. */
  async toMessages(rows: readonly MessageRow[], members?: readonly MemberRow[]): Promise<Message[]> {
    const seen = members ? await this.firstSeen.of(rows, members) : undefined;
    const out: Message[] = [];
    for (const row of rows) out.push(await this.#toMessage(row, seen?.get(row) ?? null));
    return out;
  }

  async #toMessage(row: MessageRow, messageSeen: number | null): Promise<Message> {
    const user = await this.users.messageUser(row.tenantId, row.senderId);
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
}
