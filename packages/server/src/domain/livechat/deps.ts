import type { Store } from '../../store/index.js';
import type { Bus } from '../../bus/index.js';
import type { EventDispatcher } from '../../events/dispatcher.js';
import type { LivechatConfig } from '../../config/index.js';
import type { ChatAccess, ChatService } from '../chats/index.js';
import type { MessageReader, MessageService } from '../messages/index.js';
import type { CommitQueue } from '../commit-queue.js';
import type { TypingService } from '../typing/index.js';
import type { UserService } from '../users/index.js';
import type { TenantService } from '../tenants/index.js';
import type { RateLimiter } from './rate-limit.js';
import type { BotDirectory } from '../bots/index.js';

/** What the live-chat services use of the rest of the server. */
export interface LivechatDeps {
  store: Store;
  bus: Bus;
  events: EventDispatcher;
  access: ChatAccess;
  chats: ChatService;
  messages: MessageService;
  writer: CommitQueue;
  reader: MessageReader;
  typing: TypingService;
  users: UserService;
  tenants: TenantService;
  /** Which bot answers new live chats, counted only while an active endpoint speaks for it. */
  bots: BotDirectory;
  limiter: RateLimiter;
  config: LivechatConfig;
  /** Failures of background work (routing passes, sweeps): logged, never thrown at a client. */
  logError: (err: unknown, context: Record<string, unknown>) => void;
}
