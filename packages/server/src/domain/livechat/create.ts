import type { Store } from '../../store/index.js';
import type { Bus } from '../../bus/index.js';
import type { EventDispatcher } from '../../events/dispatcher.js';
import type { LivechatConfig } from '../../config/index.js';
import type { TokenService } from '../../auth/tokens.js';
import type { ChatAccess, ChatService } from '../chats/index.js';
import type { MessageReader, MessageService } from '../messages/index.js';
import type { CommitQueue } from '../commit-queue.js';
import { TypingService } from '../typing/index.js';
import { UserService } from '../users/index.js';
import { TenantService } from '../tenants/index.js';
import { BotDirectory } from '../bots/index.js';
import { CustomerChats } from './customer-chats.js';
import { LivechatService } from './livechat-service.js';
import { LivechatSweeper } from './sweeper.js';
import type { RateLimiter } from './rate-limit.js';
import { TypingRing } from './typing-ring.js';

export interface LivechatParts {
  store: Store;
  bus: Bus;
  events: EventDispatcher;
  tokens: TokenService;
  access: ChatAccess;
  chats: ChatService;
  messages: MessageService;
  writer: CommitQueue;
  reader: MessageReader;
  limiter: RateLimiter;
  config: LivechatConfig;
  logError: (err: unknown, context: Record<string, unknown>) => void;
}

/** The live-chat services of a node, and its sweeper (started by `buildServer`, stopped on close). */
export function createLivechat(parts: LivechatParts): { livechat: LivechatService; customerChats: CustomerChats; livechatSweeper: LivechatSweeper } {
  const { tokens, ...rest } = parts;
  const deps = {
    ...rest,
    typing: new TypingService(parts.access, parts.events),
    users: new UserService(parts.store, tokens, parts.events),
    tenants: new TenantService(parts.store, parts.events),
    bots: new BotDirectory(parts.store),
  };
  const livechat = new LivechatService(deps);
  return {
    livechat,
    customerChats: new CustomerChats(deps, livechat, new TypingRing(parts.bus)),
    livechatSweeper: new LivechatSweeper(deps, livechat),
  };
}
