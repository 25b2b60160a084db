/**
 * The tables as the database holds them (snake_case, JSON as text, times as ms). The mapping layer
 * (`row-mapping.ts`) turns them into the store's row types; nothing else sees these shapes.
 */

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

export interface Database {
  settings: SettingsTable;
  tenants: TenantsTable;
  api_keys: ApiKeysTable;
  users: UsersTable;
  chats: ChatsTable;
  members: MembersTable;
  messages: MessagesTable;
  seen_moves: SeenMovesTable;
}
