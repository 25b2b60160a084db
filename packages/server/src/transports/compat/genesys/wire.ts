import type { CustomerEntry, CustomerEntryType, CustomerParticipant, GetChatResponse, Message, NoticeContent } from '@parley/protocol';
import type { MemberRow, UserRow } from '../../../store/index.js';
import type { CustomerChat, CustomerMessages } from '../../../domain/livechat/index.js';
import { summary } from '../../../domain/livechat/index.js';

/** Seed 003's shapes from the domain's rows: participants, GetChat's chat and GetMessages' entries. */

/** Customers are `Customer`, agents `Agent`, bots `External`; API keys and the server `System`. */
export function participantOf(userId: string, user: UserRow | undefined): CustomerParticipant {
  if (!user) return { nickname: 'System', participantId: userId, type: 'System' };
  const type = user.kind === 'agent' ? 'Agent' : user.kind === 'bot' ? 'External' : 'Customer';
  return { nickname: user.nickname, participantId: user.id, type };
}

export function chatOf(cc: CustomerChat, members: readonly { member: MemberRow; user: UserRow | undefined }[]): GetChatResponse['chat'] {
  const participants = members.map(({ member, user }) => participantOf(member.userId, user));
  return { id: cc.chat.id, state: cc.state, participants, capabilities: [...cc.capabilities] };
}

const NOTICE_TYPES: Record<NoticeContent['event'], CustomerEntryType> = {
  participantJoined: 'ParticipantJoined',
  participantLeft: 'ParticipantLeft',
  participantRejoined: 'ParticipantRejoined',
  transcriptSaved: 'TranscriptSaveDone',
  info: 'Notice',
};

/**
 * The chat's log as entries: `index` is the message's seq. TEXT is Text; the log's notices are
 * ParticipantJoined / Left / Rejoined, TranscriptSaveDone and Notice; a `leave` message is
 * ParticipantLeft; every other seed type is a Notice with a one-line summary. Typing notices follow,
 * with the index of the newest log entry the client holds.
 */
export function toEntries(result: CustomerMessages): CustomerEntry[] {
  const entries: CustomerEntry[] = result.messages.map((m) => toEntry(m, participantOf(m.senderId, result.users.get(m.senderId))));
  for (const t of result.typing) {
    entries.push({ from: participantOf(t.userId, result.users.get(t.userId)), index: result.index, type: t.state === 'composing' ? 'TypingStarted' : 'TypingStopped' });
  }
  return entries;
}

function toEntry(message: Message, from: CustomerParticipant): CustomerEntry {
  const index = message.seq;
  if (message.messageType === 'notice') {
    const { event, text } = message.content as unknown as NoticeContent;
    const type = NOTICE_TYPES[event] ?? 'Notice';
    return type === 'Notice' ? { from, index, text: text ?? '', type } : { from, index, type };
  }
  if (message.deleted) return { from, index, text: '(deleted)', type: 'Notice' };
  switch (message.messageType) {
    case 'TEXT':
      return { from, index, text: summary(message), type: 'Text' };
    case 'leave':
      return { from, index, type: 'ParticipantLeft' };
    case 'endChat':
      return { from, index, text: `${from.nickname} ended the chat`, type: 'Notice' };
    default:
      return { from, index, text: summary(message), type: 'Notice' };
  }
}
