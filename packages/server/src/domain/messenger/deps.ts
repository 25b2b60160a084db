import type { Store } from '../../store/index.js';
import type { EventDispatcher } from '../../events/dispatcher.js';
import type { ChatAccess } from '../chats/access.js';
import type { ChatService } from '../chats/index.js';
import type { MessageReader, MessageService } from '../messages/index.js';

/** What the messenger services work with: the store and the chat and message services they build on. */
export interface MessengerDeps {
  store: Store;
  access: ChatAccess;
  events: EventDispatcher;
  reader: MessageReader;
  chats: ChatService;
  messages: MessageService;
}
