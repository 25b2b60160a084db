import type { Authenticator } from '../auth/index.js';
import type { TenantService } from './tenants/index.js';
import type { UserService } from './users/index.js';
import type { ChatAccessCheck, ChatService } from './chats/index.js';
import type { MessageService } from './messages/index.js';
import type { ReceiptService } from './receipts/index.js';
import type { TypingService } from './typing/index.js';
import type { MediaService } from './media/index.js';
import type { MessengerService } from './messenger/index.js';
import type { CustomerChats, LivechatService } from './livechat/index.js';
import type { WebhookService } from './webhooks/index.js';
import type { Fanout } from './fanout/index.js';
import type { ImportService } from './imports/index.js';
import type { AccountAdminService, AccountService } from './accounts/index.js';

export type { Actor } from './actor.js';

/**
 * The domain's facades, everything transports may call; built once per node by `buildServer`. The
 * store, the bus and the commit queue are not among them: the node that built them keeps them.
 */
export interface Services {
  /** Identifies this store's message log; cursors from another epoch cannot be resumed. */
  epoch: string;
  auth: Authenticator;
  tenants: TenantService;
  users: UserService;
  access: ChatAccessCheck;
  chats: ChatService;
  messages: MessageService;
  receipts: ReceiptService;
  typing: TypingService;
  /** Uploads, processing and retrieval of media files (issue 4). */
  media: MediaService;
  /** Webhook endpoints, the delivery log and replay; delivery of committed events (docs/webhooks.md). */
  webhooks: WebhookService;
  /** Seed 004's messenger: favourites, clear and delete, forward, mute, archive, groups, features. */
  messenger: MessengerService;
  /** The contact centre (issue 5): visitors, departments, agents, routing, transcripts. */
  livechat: LivechatService;
  /** Seed 003's customer chat API over the live chats. */
  customerChats: CustomerChats;
  /** Committed events from every node, resync notices and presence, as a gateway needs them. */
  fanout: Fanout;
  /** Seed 001 exports brought into a tenant (`parley import`). */
  imports: ImportService;
  /** Staff accounts: sign-in, sessions, the owner's set-up, invitations, resets, the accounts admin, the audit log (docs/accounts.md). */
  accounts: AccountService & AccountAdminService;
}
