import type { Message, MessageUser } from '@parley/protocol/wire';
import type { LinkEvent, LivechatUser, TextMessageEvent, MultimediaMessageEvent } from './types.js';

/** A message turned into the seed 002 event it raises, or nothing (notices, reactions, calls…). */
export type TranslatedMessage =
  | { name: 'message'; event: TextMessageEvent }
  | { name: 'link'; event: LinkEvent }
  | { name: 'multimediaMessage'; event: MultimediaMessageEvent };

/** The sender of a message as the events show it. */
export function userOf(user: MessageUser | undefined, fallbackId: string): LivechatUser {
  return { id: user?.id ?? fallbackId, nickname: user?.nickname ?? user?.id ?? fallbackId, isAgent: user?.isAgent ?? false };
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const num = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);

/**
 * The seed 002 event of a message: TEXT → `message`, LINK → `link`, IMAGE / DOCUMENT / AUDIO / VIDEO →
 * `multimediaMessage` (metadata only). Other types raise none.
 */
export function translateMessage(m: Message): TranslatedMessage | null {
  if (m.deleted) return null;
  const user = userOf(m.content.user, m.senderId);
  const base = { id: m.id, chatID: m.chatId, ts: m.ts, seq: m.seq };
  switch (m.messageType) {
    case 'TEXT':
      return { name: 'message', event: { ...base, messageType: 'TEXT', content: { text: str(m.content.text), user } } };
    case 'LINK':
      return { name: 'link', event: { ...base, messageType: 'LINK', content: { url: str(m.content.url), user } } };
    case 'IMAGE':
    case 'DOCUMENT':
    case 'AUDIO':
    case 'VIDEO': {
      const c = m.content;
      const content: MultimediaMessageEvent['content'] = {
        caption: str(c.caption),
        fileName: str(c.fileName),
        documentType: str(c.documentType),
        user,
      };
      if (typeof c.mediaId === 'string') content.mediaId = c.mediaId;
      for (const key of ['fileSize', 'width', 'height', 'duration'] as const) {
        const value = num(c[key]);
        if (value !== undefined) content[key] = value;
      }
      return { name: 'multimediaMessage', event: { ...base, messageType: m.messageType, content } };
    }
    default:
      return null;
  }
}
