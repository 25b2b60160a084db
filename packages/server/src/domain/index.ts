import type { Store } from '../store/index.js';
import type { Bus } from '../bus/index.js';
import type { EventDispatcher } from '../events/dispatcher.js';
import type { Authenticator } from '../auth/index.js';
import type { TenantService } from './tenants/index.js';
import type { UserService } from './users/index.js';
import type { UserDirectory } from './users/directory.js';
import type { ChatAccess, ChatService } from './chats/index.js';
import type { MessageReader, MessageService } from './messages/index.js';
import type { CommitQueue } from './commit-queue.js';
import type { ReceiptService } from './receipts/index.js';
import type { TypingService } from './typing/index.js';
import type { MediaService } from './media/index.js';
import type { MessengerService } from './messenger/index.js';
import type { CustomerChats, LivechatService, LivechatSweeper } from './livechat/index.js';
import type { WebhookService } from './webhooks/index.js';
import type { BotDirectory } from './bots/index.js';
import type { ParleyMetrics } from '../metrics/index.js';

export type { Actor } from './actor.js';

/** Everything transports may call; built once per node by `buildServer`. */
export interface Services {
  /** Identifies this store's message log; cursors from another epoch cannot be resumed. */
  epoch: string;
  /** This node's metrics; services that grow counters (routing, webhooks) update them here. */
  metrics: ParleyMetrics;
  store: Store;
  bus: Bus;
  events: EventDispatcher;
  auth: Authenticator;
  tenants: TenantService;
  users: UserService;
  directory: UserDirectory;
  access: ChatAccess;
  chats: ChatService;
  writer: CommitQueue;
  reader: MessageReader;
  messages: MessageService;
  receipts: ReceiptService;
  typing: TypingService;
  /** Uploads, processing and retrieval of media files (issue 4). */
  media: MediaService;
  /** Webhook endpoints, the delivery log and replay; delivery of committed events (docs/webhooks.md). */
  webhooks: WebhookService;
  /** Which bot new live chats start with (`entryBot`, `hasEntryBot`). */
  bots: BotDirectory;
  /** Seed 004's messenger: favourites, clear and delete, forward, mute, archive, groups, features. */
  messenger: MessengerService;
  /** The contact centre (issue 5): visitors, departments, agents, routing, transcripts. */
  livechat: LivechatService;
  /** Seed 003's customer chat API over the live chats. */
  customerChats: CustomerChats;
  /** Periodic routing and absent-agent re-queueing. */
  livechatSweeper: LivechatSweeper;
}
