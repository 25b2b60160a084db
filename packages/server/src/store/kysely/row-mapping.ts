import type { Selectable } from 'kysely';
import type { ChatKind, ChatState, ForwardedFrom, MemberRole, StaffRole, StoredMessageType, UserKind } from '@parley/protocol';
import type { ChatRow, MemberRow, MessageRow, NewMember, NewMessage, TenantRow, UserRow } from '../types.js';
import type {
  ChatsTable,
  DbBool,
  MembersTable,
  MessagesTable,
  TenantsTable,
  UsersTable,
} from './db-types.js';

/** Database rows ↔ store rows: JSON text, 0/1 booleans and snake_case stop here. */

function parseJson<T>(text: string): T {
  return JSON.parse(text) as T;
}

/** Writes a boolean the way the engine stores it. */
export type BoolEncoder = (value: boolean) => DbBool;

export function boolEncoder(nativeBooleans: boolean): BoolEncoder {
  return nativeBooleans ? (value) => value : (value) => (value ? 1 : 0);
}

export function toTenantRow(r: Selectable<TenantsTable>): TenantRow {
  return {
    id: r.id,
    domain: r.domain,
    name: r.name,
    contactCenterId: r.contact_center_id,
    plan: parseJson(r.plan),
    allowedOrigins: parseJson(r.allowed_origins),
    createdAt: r.created_at,
  };
}

export function fromTenantRow(t: TenantRow): TenantsTable {
  return {
    id: t.id,
    domain: t.domain,
    name: t.name,
    contact_center_id: t.contactCenterId,
    plan: JSON.stringify(t.plan),
    allowed_origins: JSON.stringify(t.allowedOrigins),
    created_at: t.createdAt,
  };
}

export function toUserRow(r: Selectable<UsersTable>): UserRow {
  return {
    tenantId: r.tenant_id,
    id: r.id,
    kind: r.kind as UserKind,
    nickname: r.nickname,
    profile: parseJson(r.profile),
    tokenVersion: r.token_version,
    disabledAt: r.disabled_at,
    createdAt: r.created_at,
    // Only staff with an account have a role; everyone else's row has no such field.
    ...(r.role === null || r.role === undefined ? {} : { role: r.role as StaffRole }),
  };
}

export function fromUserRow(u: UserRow): UsersTable {
  return {
    tenant_id: u.tenantId,
    id: u.id,
    kind: u.kind,
    nickname: u.nickname,
    profile: JSON.stringify(u.profile),
    token_version: u.tokenVersion,
    disabled_at: u.disabledAt,
    created_at: u.createdAt,
    role: u.role ?? null,
  };
}

export function toChatRow(r: Selectable<ChatsTable>): ChatRow {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    kind: r.kind as ChatKind,
    state: r.state as ChatState,
    title: r.title,
    directKey: r.direct_key,
    lastSeq: r.last_seq,
    lastMessageAt: r.last_message_at,
    createdAt: r.created_at,
    createdBy: r.created_by,
    meta: parseJson(r.meta),
  };
}

export function fromChatRow(c: ChatRow): ChatsTable {
  return {
    id: c.id,
    tenant_id: c.tenantId,
    kind: c.kind,
    state: c.state,
    title: c.title,
    direct_key: c.directKey,
    last_seq: c.lastSeq,
    last_message_at: c.lastMessageAt,
    created_at: c.createdAt,
    created_by: c.createdBy,
    meta: JSON.stringify(c.meta),
  };
}

export function toMemberRow(r: Selectable<MembersTable>): MemberRow {
  return {
    chatId: r.chat_id,
    tenantId: r.tenant_id,
    userId: r.user_id,
    role: r.role as MemberRole,
    joinedAt: r.joined_at,
    leftAt: r.left_at,
    deliveredSeq: r.delivered_seq,
    deliveredAt: r.delivered_at,
    seenSeq: r.seen_seq,
    seenAt: r.seen_at,
    muted: Boolean(r.muted),
    archived: Boolean(r.archived),
    clearedSeq: r.cleared_seq,
    hidden: Boolean(r.hidden),
  };
}

export function fromNewMember(m: NewMember, bool: BoolEncoder): MembersTable {
  return {
    chat_id: m.chatId,
    tenant_id: m.tenantId,
    user_id: m.userId,
    role: m.role,
    joined_at: m.joinedAt,
    left_at: null,
    delivered_seq: 0,
    delivered_at: null,
    seen_seq: 0,
    seen_at: null,
    muted: bool(false),
    archived: bool(false),
    cleared_seq: 0,
    hidden: bool(false),
  };
}

export function toMessageRow(r: Selectable<MessagesTable>): MessageRow {
  return {
    tenantId: r.tenant_id,
    chatId: r.chat_id,
    seq: r.seq,
    id: r.id,
    senderId: r.sender_id,
    messageType: r.message_type as StoredMessageType,
    content: parseJson(r.content),
    replyTo: r.reply_to,
    mentions: parseJson(r.mentions),
    forwardedFrom: r.forwarded_from === null ? null : parseJson<ForwardedFrom>(r.forwarded_from),
    ts: r.ts,
    bodyHash: r.body_hash,
    deliverySuccess: Boolean(r.delivery_success),
    deliveryErrorReason: r.delivery_error_reason,
    deletedAt: r.deleted_at,
    ...(r.imported_seen === null || r.imported_seen === undefined ? {} : { importedSeen: parseJson<number | null>(r.imported_seen) }),
  };
}

/** The row a new message becomes, before its seq is known. */
export function newMessageRow(m: NewMessage): MessageRow {
  const { endsChat: _endsChat, afterEnd: _afterEnd, ...fields } = m;
  return { ...fields, seq: 0, deliverySuccess: m.deliverySuccess ?? true, deliveryErrorReason: m.deliveryErrorReason ?? '', deletedAt: null };
}

export function fromMessageRow(m: MessageRow, bool: BoolEncoder): MessagesTable {
  return {
    chat_id: m.chatId,
    seq: m.seq,
    tenant_id: m.tenantId,
    id: m.id,
    sender_id: m.senderId,
    message_type: m.messageType,
    content: JSON.stringify(m.content),
    reply_to: m.replyTo,
    mentions: JSON.stringify(m.mentions),
    forwarded_from: m.forwardedFrom === null ? null : JSON.stringify(m.forwardedFrom),
    ts: m.ts,
    body_hash: m.bodyHash,
    delivery_success: bool(m.deliverySuccess),
    delivery_error_reason: m.deliveryErrorReason,
    deleted_at: m.deletedAt,
    ...(m.importedSeen === undefined ? {} : { imported_seen: JSON.stringify(m.importedSeen) }),
  };
}
