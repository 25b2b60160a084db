import type {
  ChatKind,
  ChatState,
  ForwardedFrom,
  MemberRole,
  MessageContentInput,
  MessageType,
  ReceiptKind,
  StoredMessageType,
  StaffRole,
  UserKind,
  VisitorProfile,
} from '@parley/protocol';
import type { MediaStore } from './media-types.js';
import type { LivechatStore } from './livechat-types.js';
import type { WebhookStore } from './webhook-types.js';
import type { MessengerStore } from './messenger-types.js';
import type { AccountStore } from './account-types.js';

/**
 * The store: every durable fact of Parley behind one interface, with one implementation per engine
 * (SQLite embedded, PostgreSQL scale-out) sharing the same Kysely query code. Domain services call it;
 * nothing else touches SQL. Every method is scoped by tenant or by a globally unique chat id whose
 * tenant the domain checks (`accessChat`). Times are milliseconds since the epoch.
 */
export interface Store {
  /** Engine name, for suite titles and logs: `sqlite` | `postgres`. */
  readonly dialect: 'sqlite' | 'postgres';
  /** Runs pending migrations. Idempotent; safe from several nodes at once. */
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** Cheap round trip for readiness checks. */
  ping(): Promise<void>;
  /** Media files and media messages (issue 4), kept in `media-types.ts`. */
  readonly media: MediaStore;
  /** Live chat: departments, agents, routing, visitors' chats, offline messages (issue 5), in `livechat-types.ts`. */
  readonly livechat: LivechatStore;
  /** Webhook endpoints, deliveries and their attempts (bots and integrations), in `webhook-types.ts`. */
  readonly webhooks: WebhookStore;
  /** Seed 004's per-user message facts: favourites, messages deleted for one user (`messenger-types.ts`). */
  readonly messenger: MessengerStore;
  /** Staff accounts, sign-in sessions, single-use links and the audit log, in `account-types.ts`. */
  readonly accounts: AccountStore;

  /** A server-wide setting, created with `create()` on first read (epoch, token secret). */
  getOrCreateSetting(key: string, create: () => string): Promise<string>;

  createTenant(row: TenantRow): Promise<TenantRow>;
  getTenant(id: string): Promise<TenantRow | null>;
  getTenantByDomain(domain: string): Promise<TenantRow | null>;
  getTenantByContactCenterId(contactCenterId: string): Promise<TenantRow | null>;
  updateTenant(id: string, patch: Partial<Pick<TenantRow, 'name' | 'plan' | 'allowedOrigins'>>): Promise<void>;

  createApiKey(row: ApiKeyRow): Promise<void>;
  /** A key that is not revoked, by the sha-256 hex of its secret. */
  getApiKeyByHash(hash: string): Promise<ApiKeyRow | null>;
  revokeApiKey(tenantId: string, id: string, at: number): Promise<void>;
  /** The tenant's keys that are not revoked, oldest first. */
  listApiKeys(tenantId: string): Promise<ApiKeyRow[]>;

  /** Throws ParleyError E_CONFLICT when the id is taken in the tenant, E_TENANT_NOT_FOUND for an unknown tenant. */
  createUser(row: UserRow): Promise<UserRow>;
  getUser(tenantId: string, userId: string): Promise<UserRow | null>;
  getUsers(tenantId: string, userIds: readonly string[]): Promise<UserRow[]>;
  updateUser(
    tenantId: string,
    userId: string,
    patch: Partial<Pick<UserRow, 'nickname' | 'profile' | 'disabledAt'>>,
  ): Promise<void>;
  /** Invalidates every token issued so far; returns the new version. E_USER_NOT_FOUND for an unknown user. */
  bumpTokenVersion(tenantId: string, userId: string): Promise<number>;

  /**
   * Creates the chat and its members in one transaction. For `direct` chats `directKey` is unique per
   * tenant: a second create with the same key throws E_CONFLICT (the caller then loads the existing one).
   * A taken chat id is E_CONFLICT too; an unknown tenant E_TENANT_NOT_FOUND.
   */
  createChat(chat: ChatRow, members: NewMember[]): Promise<ChatRow>;
  getChat(chatId: string): Promise<ChatRow | null>;
  getDirectChat(tenantId: string, directKey: string): Promise<ChatRow | null>;
  updateChat(chatId: string, patch: Partial<Pick<ChatRow, 'state' | 'title' | 'meta'>>): Promise<void>;

  getMember(chatId: string, userId: string): Promise<MemberRow | null>;
  /** Current members (not left) unless `includeLeft`. */
  listMembers(chatId: string, opts?: { includeLeft?: boolean }): Promise<MemberRow[]>;
  /** The current members of several chats in one go (a recent-chats page), by chat id, join time, user id. */
  listMembersOfChats(chatIds: readonly string[]): Promise<MemberRow[]>;
  /**
   * Adds a member, or brings back one who left (clearing `leftAt`, taking the new role and `joinedAt`,
   * keeping watermarks); a current member is returned unchanged. E_CHAT_NOT_FOUND for an unknown chat.
   */
  addMember(member: NewMember): Promise<MemberRow>;
  /** Marks the member as left at `at`; no-op when not a current member. Returns whether it changed. */
  removeMember(chatId: string, userId: string, at: number): Promise<boolean>;
  /** The chats where the user is a current member, with their last seq. */
  listMemberships(tenantId: string, userId: string): Promise<{ chatId: string; lastSeq: number }[]>;
  updateMemberState(
    chatId: string,
    userId: string,
    patch: Partial<Pick<MemberRow, 'muted' | 'archived' | 'clearedSeq' | 'hidden'>>,
  ): Promise<void>;
  /**
   * Moves a watermark up to `seq` (never down) with its time. Returns the member row after the change,
   * or null when nothing moved (seq not above the current mark, or not a member). A `seen` move is also
   * kept in the history of seen moves (`listSeenMoves`), in the same transaction.
   */
  advanceWatermark(chatId: string, userId: string, kind: ReceiptKind, seq: number, at: number): Promise<MemberRow | null>;
  /** `advanceWatermark` for many marks in one transaction (one commit for a burst of receipts). */
  advanceWatermarks(marks: readonly WatermarkMove[]): Promise<(MemberRow | null)[]>;

  /**
   * Group commit: appends every message in one transaction, in array order. For each: when a message
   * with the same (tenantId, id) exists, it is a `duplicate` if sender and bodyHash match, else a
   * `conflict`, and nothing is written; otherwise the chat's `lastSeq` is incremented, the message gets
   * that seq, the chat's `lastMessageAt` is set, and the sender's delivered and seen watermarks move up
   * to it, and every member's `hidden` flag is cleared. A chat that does not exist gives `missing_chat`.
   * A chat whose state is `ended` — before the batch, or ended by an earlier item of it — gives
   * `chat_ended` and stores nothing; a message with `endsChat` sets the chat's state to `ended` in the
   * same transaction, so no message can follow it. Resolves only after the commit.
   */
  appendMessages(batch: readonly NewMessage[]): Promise<AppendResult[]>;
  /**
   * `appendMessages` and `advanceWatermarks` in one transaction — one commit (one fsync) for the sends
   * and receipts of the same moment. Messages first, then marks; results in the order given.
   */
  commit(writes: CommitWrites): Promise<CommitResults>;
  getMessage(tenantId: string, messageId: string): Promise<MessageRow | null>;
  getMessageBySeq(chatId: string, seq: number): Promise<MessageRow | null>;
  /** The newest message of the type in the chat that is not deleted for everyone, or null. */
  getLatestMessageOfType(chatId: string, messageType: MessageType): Promise<MessageRow | null>;
  /**
   * The current reactions on the given messages of a chat: for each (message, user), the user's latest
   * REACTION message whose `replyTo` names it, unless its emoji is empty (removed) or it was deleted.
   * Ordered by the reaction's seq.
   */
  listReactions(chatId: string, messageIds: readonly string[]): Promise<ReactionRow[]>;
  /**
   * A page of a chat's messages, always returned in ascending seq order.
   * `after`: seq > after, oldest first; `before`: seq < before, newest first (then re-sorted ascending).
   * Without either: the newest `limit` messages. `minSeq` hides everything at or below it (cleared chats);
   * `hiddenFor` leaves out the messages that user deleted for themselves (`messenger.hideMessages`).
   */
  listMessages(
    chatId: string,
    query: { after?: number; before?: number; limit: number; minSeq?: number; hiddenFor?: string },
  ): Promise<MessageRow[]>;
  /**
   * Replaces content (with `{}`; mentions with `[]`) and marks deleted (delete for everyone). The first
   * deletion's time stands.
   */
  markMessageDeleted(chatId: string, seq: number, at: number): Promise<void>;
  /**
   * The seen-watermark moves of the given members (`userIds`, past or present) that decide
   * `messageSeen` for a chat's messages with seq in [`fromSeq`, `toSeq`]: every move into that range —
   * receipts (`advanceWatermarks`, `commit`) and sends (a member's message moves their own mark to it) —
   * and, above `toSeq`, enough to answer the range: each member's first receipt move above it, and
   * their sends in seq order until two members have sent or no later send could come first. Moves
   * below `fromSeq` never cover the range and are left out.
   */
  listSeenMoves(chatId: string, range: { fromSeq: number; toSeq: number; userIds: readonly string[] }): Promise<SeenMove[]>;

  /**
   * The user's chats for a recent-chats list: current memberships not hidden, newest activity first,
   * each with its chat row, member row and last message (null when empty). Activity is the chat's
   * `lastMessageAt`, else its `createdAt`. Paged by `beforeActivity` (activity strictly below it).
   * `archived`, when given, keeps only chats with that archived flag; undefined lists both.
   */
  listRecentChats(
    tenantId: string,
    userId: string,
    query: { limit: number; archived?: boolean; beforeActivity?: number },
  ): Promise<RecentChatRow[]>;
}

export interface Plan {
  name: string;
  /** Feature flags (seed 004: a feature outside the plan answers 403 E_FEATURE_UNAVAILABLE). */
  features: string[];
  limits: { maxFileBytes: number; maxMessagesPerMinute: number };
  /** Media settings (see domain/media/plan-policy.ts); absent means the defaults. */
  media?: { allowPrivateFileUrls?: boolean };
  /** Webhook settings (see domain/webhooks/url-policy.ts); absent means the defaults. */
  webhooks?: { allowPrivateUrls?: boolean };
}

export interface TenantRow {
  id: string;
  /** "domain" in seed 000; `DEFAULT` for the first tenant. */
  domain: string;
  name: string;
  /** The customer chat API's ContactCenterId header (a UUID). */
  contactCenterId: string;
  plan: Plan;
  /** Origins allowed to open the widget's WebSocket; empty allows any. */
  allowedOrigins: string[];
  createdAt: number;
}

export interface ApiKeyRow {
  id: string;
  tenantId: string;
  name: string;
  /** sha-256 hex of the secret; the secret itself is never stored. */
  hash: string;
  createdAt: number;
  revokedAt: number | null;
}

export interface UserRow {
  tenantId: string;
  id: string;
  kind: UserKind;
  nickname: string;
  profile: VisitorProfile;
  tokenVersion: number;
  disabledAt: number | null;
  createdAt: number;
  /**
   * Staff role of a user with an account (`users.role`); absent for everyone else (visitors, bots,
   * members, token-minted agents). Set through `store.accounts`.
   */
  role?: StaffRole;
}

export interface ChatRow {
  id: string;
  tenantId: string;
  kind: ChatKind;
  state: ChatState;
  title: string;
  /** Sorted `userA|userB` for direct chats, unique per tenant; null otherwise. */
  directKey: string | null;
  lastSeq: number;
  lastMessageAt: number | null;
  createdAt: number;
  createdBy: string;
  /** Free-form JSON for concerns that grow later (department, routing). */
  meta: Record<string, unknown>;
}

export interface NewMember {
  chatId: string;
  tenantId: string;
  userId: string;
  role: MemberRole;
  joinedAt: number;
}

export interface MemberRow extends NewMember {
  leftAt: number | null;
  deliveredSeq: number;
  deliveredAt: number | null;
  seenSeq: number;
  seenAt: number | null;
  muted: boolean;
  archived: boolean;
  /** Messages at or below this seq are hidden from this member (clear chat). */
  clearedSeq: number;
  /** Hidden from the recent-chats list until the next message. */
  hidden: boolean;
}

export interface NewMessage {
  tenantId: string;
  chatId: string;
  id: string;
  senderId: string;
  /** A seed type, or `notice` for the server's own log entries. */
  messageType: StoredMessageType;
  /** Per-type fields, without the sender. */
  content: MessageContentInput;
  replyTo: string;
  mentions: string[];
  forwardedFrom: ForwardedFrom | null;
  ts: number;
  /** Hash of what makes two sends "the same" (chat, type, content, replyTo, mentions). */
  bodyHash: string;
  /**
   * The message ends its chat: the chat's state becomes `ended` in the transaction that appends it.
   * An instruction to `appendMessages`, not stored with the message.
   */
  endsChat?: boolean;
  /**
   * Only for imports: the message's own `messageSeen` from the system it came from (a time, or null
   * for never seen). Stored with the message; its `messageSeen` is then this, whatever watermarks say.
   */
  importedSeen?: number | null;
  /** Only for imports: the delivery outcome the message had; sent messages are delivered. */
  deliverySuccess?: boolean;
  deliveryErrorReason?: string;
  /**
   * A server log entry allowed in a chat that has ended (the `notice` that the transcript was saved).
   * An instruction to `appendMessages`, not stored; clients can never set it.
   */
  afterEnd?: boolean;
}

export interface MessageRow extends Omit<NewMessage, 'endsChat' | 'afterEnd'> {
  seq: number;
  deliverySuccess: boolean;
  deliveryErrorReason: string;
  deletedAt: number | null;
}

export type AppendResult =
  | { status: 'created'; row: MessageRow }
  | { status: 'duplicate'; row: MessageRow }
  | { status: 'conflict'; row: MessageRow }
  | { status: 'missing_chat' }
  | { status: 'chat_ended' };

/** A user's current reaction on a message (see `listReactions`). */
export interface ReactionRow {
  /** The message reacted to. */
  messageId: string;
  userId: string;
  emoji: string;
  /** Seq and time of the REACTION message that set it. */
  seq: number;
  ts: number;
}

/** What one group commit writes (`Store.commit`). */
export interface CommitWrites {
  messages: readonly NewMessage[];
  marks: readonly WatermarkMove[];
}

export interface CommitResults {
  /** One per message, in order. */
  appended: AppendResult[];
  /** One per mark, in order: the member row after the move, or null when nothing moved. */
  moved: (MemberRow | null)[];
}

export interface WatermarkMove {
  chatId: string;
  userId: string;
  kind: ReceiptKind;
  seq: number;
  at: number;
}

/** A move of a member's seen watermark: from `at` on, they had seen every message up to `seq`. */
export interface SeenMove {
  userId: string;
  seq: number;
  at: number;
}

export interface RecentChatRow {
  chat: ChatRow;
  member: MemberRow;
  lastMessage: MessageRow | null;
}
