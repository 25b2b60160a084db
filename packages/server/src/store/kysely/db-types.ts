/**
 * The schema: every table as the migrations (`migrations/`) leave it, declared once (snake_case, JSON as
 * text, times as ms). A migration that changes a table changes its type here in the same commit. The
 * mapping code of each area turns these into the store's row types; nothing outside the store sees them.
 */

import type { Generated } from 'kysely';

/** A boolean column: `0 | 1` on SQLite (no boolean type), `boolean` on PostgreSQL. */
export type DbBool = number | boolean;

export interface SettingsTable {
  key: string;
  value: string;
}

export interface TenantsTable {
  id: string;
  domain: string;
  name: string;
  contact_center_id: string;
  /** JSON `Plan`. */
  plan: string;
  /** JSON `string[]`. */
  allowed_origins: string;
  created_at: number;
}

export interface ApiKeysTable {
  id: string;
  tenant_id: string;
  name: string;
  hash: string;
  created_at: number;
  revoked_at: number | null;
}

export interface UsersTable {
  tenant_id: string;
  id: string;
  kind: string;
  nickname: string;
  /** JSON `VisitorProfile`. */
  profile: string;
  token_version: number;
  disabled_at: number | null;
  created_at: number;
  /** Staff role of a user with an account (0060): `owner | admin | supervisor | agent`, else null. */
  role: string | null;
}

export interface ChatsTable {
  id: string;
  tenant_id: string;
  kind: string;
  state: string;
  title: string;
  direct_key: string | null;
  last_seq: number;
  last_message_at: number | null;
  created_at: number;
  created_by: string;
  /** JSON object. */
  meta: string;
}

export interface MembersTable {
  chat_id: string;
  tenant_id: string;
  user_id: string;
  role: string;
  joined_at: number;
  left_at: number | null;
  delivered_seq: number;
  delivered_at: number | null;
  seen_seq: number;
  seen_at: number | null;
  muted: DbBool;
  archived: DbBool;
  cleared_seq: number;
  hidden: DbBool;
}

export interface MessagesTable {
  chat_id: string;
  seq: number;
  tenant_id: string;
  id: string;
  sender_id: string;
  message_type: string;
  /** JSON object. */
  content: string;
  reply_to: string;
  /** JSON `string[]`. */
  mentions: string;
  /** JSON `ForwardedFrom`, or null. */
  forwarded_from: string | null;
  ts: number;
  body_hash: string;
  delivery_success: DbBool;
  delivery_error_reason: string;
  deleted_at: number | null;
  /**
   * JSON `number | null`: an imported message's own `messageSeen`; NULL for messages sent here, whose
   * inserts leave the column out.
   */
  imported_seen?: string | null;
}

/** A receipt's move of a member's seen watermark: from `at` on, they had seen up to `seq`. */
export interface SeenMovesTable {
  chat_id: string;
  user_id: string;
  seq: number;
  at: number;
}

/** Media files: one row per upload or fetched URL, pointing at a content-addressed blob (0003). */
export interface MediaTable {
  id: string;
  tenant_id: string;
  uploader_id: string;
  blob_key: string;
  size: number;
  kind: string;
  ext: string;
  mime_type: string;
  file_name: string;
  status: string;
  width: number | null;
  height: number | null;
  duration: number | null;
  thumbnail_key: string | null;
  preview: string | null;
  fullsize_key: string | null;
  fullsize_size: number | null;
  fullsize_width: number | null;
  fullsize_height: number | null;
  created_at: number;
  processed_at: number | null;
}

/** Live-chat departments (0010). */
export interface LcDepartmentsTable {
  tenant_id: string;
  id: string;
  name: string;
  routing: string;
  created_at: number;
}

/** Agents' routing records: status, capacity and load (0010). */
export interface LcAgentsTable {
  tenant_id: string;
  user_id: string;
  status: string;
  max_chats: number;
  active_chats: number;
  /** JSON `string[]`. */
  departments: string;
  status_at: number;
  last_assigned_at: number | null;
}

/** The routing row of a visitor's chat; its state stays `chats.state` (0010). */
export interface LcChatsTable {
  chat_id: string;
  tenant_id: string;
  visitor_id: string;
  department_id: string | null;
  agent_id: string | null;
  subject: string;
  queued_at: number | null;
  assigned_at: number | null;
  ended_at: number | null;
  secure_key_hash: string | null;
  api_cursor: number;
  transcript_saved_at: number | null;
  transcript: string | null;
  created_at: number;
}

/** Messages left while no agent was online (0010). */
export interface LcOfflineMessagesTable {
  id: string;
  tenant_id: string;
  department_id: string | null;
  visitor_id: string | null;
  name: string;
  email: string;
  text: string;
  created_at: number;
}

/** Per-tenant live-chat settings (0010). */
export interface LcSettingsTable {
  tenant_id: string;
  entry_bot_id: string | null;
  /** The widget's appearance as JSON (0070); null: the defaults. */
  widget: string | null;
}

/** Canned responses (0080); `bucket` is the set a shortcut is unique in. */
export interface CannedResponsesTable {
  id: string;
  tenant_id: string;
  scope: string;
  owner_id: string | null;
  department_id: string | null;
  bucket: string;
  shortcut: string;
  text: string;
  created_at: number;
  updated_at: number;
}

/** A user's favourite messages (0030). */
export interface FavouritesTable {
  tenant_id: string;
  user_id: string;
  message_id: string;
  chat_id: string;
  seq: number;
  created_at: number;
}

/** Messages deleted for one user only (0030). */
export interface HiddenMessagesTable {
  chat_id: string;
  user_id: string;
  seq: number;
  tenant_id: string;
  message_id: string;
  hidden_at: number;
}

/**
 * Every table but the webhook ones, which their store still declares beside its queries (it is being
 * rewritten; they move here with it).
 */
// Webhooks: endpoints with their health, cursor and lease; the event log; deliveries and their attempts.
export interface WhEndpointsTable {
  id: string;
  tenant_id: string;
  url: string;
  secret: string;
  description: string;
  /** JSON `string[]`. */
  events: string;
  active: DbBool;
  bot_user_id: string | null;
  created_at: number;
  updated_at: number;
  // Health (migration 0040); defaults on insert.
  consecutive_failures: Generated<number>;
  retry_at: number | null;
  paused_at: number | null;
  last_error: string | null;
  last_failure_at: number | null;
  dropped: Generated<number>;
  // The cursor and the lease (migration 0050).
  event_cursor: Generated<number>;
  lease_owner: string | null;
  lease_until: number | null;
}

export interface WhEventsTable {
  seq: number;
  id: string;
  tenant_id: string;
  event_type: string;
  chat_id: string | null;
  sender_id: string | null;
  member_id: string | null;
  payload: string;
  created_at: number;
}

export interface WhDeliveriesTable {
  id: string;
  tenant_id: string;
  endpoint_id: string;
  event_id: string;
  event_type: string;
  chat_id: string | null;
  payload: string;
  status: string;
  attempts: number;
  next_attempt_at: number | null;
  lease_until: number | null;
  last_status_code: number | null;
  last_error: string | null;
  replay_of: string | null;
  created_at: number;
  updated_at: number;
}

export interface WhAttemptsTable {
  delivery_id: string;
  attempt: number;
  started_at: number;
  duration_ms: number;
  status_code: number | null;
  error: string | null;
  response_body: string;
}

/** Staff accounts (0060): sign-in facts of a user row; `email` unique installation-wide. */
export interface AccountsTable {
  tenant_id: string;
  user_id: string;
  email: string;
  password_hash: string | null;
  totp_secret: string | null;
  created_at: number;
  password_changed_at: number | null;
  last_login_at: number | null;
}

/** Sign-in sessions, each a family of rotating refresh secrets (0060). */
export interface AuthSessionsTable {
  id: string;
  tenant_id: string;
  user_id: string;
  token_hash: string;
  previous_hash: string | null;
  rotated_at: number | null;
  created_at: number;
  last_used_at: number;
  expires_at: number;
  revoked_at: number | null;
  user_agent: string;
  ip: string;
}

/** Single-use links: set-up, invitation, reset (0060). */
export interface AuthLinksTable {
  hash: string;
  id: string;
  purpose: string;
  tenant_id: string;
  user_id: string | null;
  email: string;
  role: string | null;
  created_by: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

/** A tenant's audit log (0060). */
export interface AuditLogTable {
  id: string;
  tenant_id: string;
  at: number;
  actor: string;
  action: string;
  target: string;
  ip: string;
  /** JSON object. */
  detail: string;
}

export interface Database {
  settings: SettingsTable;
  tenants: TenantsTable;
  api_keys: ApiKeysTable;
  users: UsersTable;
  chats: ChatsTable;
  members: MembersTable;
  messages: MessagesTable;
  seen_moves: SeenMovesTable;
  media: MediaTable;
  lc_departments: LcDepartmentsTable;
  lc_agents: LcAgentsTable;
  lc_chats: LcChatsTable;
  lc_offline_messages: LcOfflineMessagesTable;
  lc_settings: LcSettingsTable;
  canned_responses: CannedResponsesTable;
  favourites: FavouritesTable;
  hidden_messages: HiddenMessagesTable;
  wh_endpoints: WhEndpointsTable;
  wh_events: WhEventsTable;
  wh_deliveries: WhDeliveriesTable;
  wh_attempts: WhAttemptsTable;
  accounts: AccountsTable;
  auth_sessions: AuthSessionsTable;
  auth_links: AuthLinksTable;
  audit_log: AuditLogTable;
}
