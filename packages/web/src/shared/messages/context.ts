import { createContext } from 'preact';
import type { MessageContentInput, MessageType } from '@parley/protocol/wire';
import type { MediaUrls } from '../media.js';

/** What a rendered message may do: fetch media URLs; answer bot prompts (the widget only). */
export interface MessageEnv {
  chatId: string;
  me: string;
  media: MediaUrls | null;
  /** Sends a response (MENU_RESPONSE, QUICK_REPLY_RESPONSE, FORM_RESPONSE); absent where read-only. */
  respond?: (messageType: MessageType, content: MessageContentInput, replyTo?: string) => Promise<void>;
  /** Opens an image full size. */
  openImage?: (src: string, alt: string) => void;
  /** Ids of bot prompts already answered (their buttons are disabled). */
  answered: ReadonlySet<string>;
}

export const MessageEnvContext = createContext<MessageEnv>({ chatId: '', me: '', media: null, answered: new Set() });
