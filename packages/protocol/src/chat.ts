import type { Message } from './message.js';
import type { ErrorBody } from './errors.js';

export const CHAT_KINDS = ['direct', 'group', 'livechat'] as const;
export type ChatKind = (typeof CHAT_KINDS)[number];

/** Live chat states (DESIGN.md): with a bot, waiting in a queue, with an agent, over. */
export const LIVECHAT_STATES = ['bot', 'queued', 'active', 'ended'] as const;
export type LivechatState = (typeof LIVECHAT_STATES)[number];
export type ChatState = LivechatState | 'open';

export const USER_KINDS = ['agent', 'customer', 'bot', 'member'] as const;
export type UserKind = (typeof USER_KINDS)[number];

export const MEMBER_ROLES = ['owner', 'admin', 'member', 'agent', 'customer', 'bot'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export interface Chat {
  id: string;
  tenantId: string;
  kind: ChatKind;
  state: ChatState;
  title: string;
  /** The seq of the newest message; 0 when empty. */
  lastSeq: number;
  createdAt: number;
  createdBy: string;
  /** A group's image (an URL or a media id), when it has one (seed 004 group profile). */
  image?: string;
}

export interface Member {
  chatId: string;
  userId: string;
  role: MemberRole;
  joinedAt: number;
  /** Set when the member left; a member who left no longer receives the chat. */
  leftAt: number | null;
  deliveredSeq: number;
  deliveredAt: number | null;
  seenSeq: number;
  seenAt: number | null;
}

/** A user's view of a chat in the recent-chats list. */
export interface ChatSummary extends Chat {
  unreadCount: number;
  muted: boolean;
  archived: boolean;
  lastMessage: Message | null;
  members: Member[];
}

export interface User {
  id: string;
  tenantId: string;
  kind: UserKind;
  nickname: string;
  /** Visitor fields of seed 000, for customers; empty for others. */
  profile: VisitorProfile;
  createdAt: number;
}

export interface VisitorProfile {
  userAgent?: string;
  firstUri?: string;
  firstTitle?: string;
  channel?: string;
  firstIP?: string;
  email?: string;
}

/**
 * Seed 000's full user object: a chat's visitor (or an agent, with empty visitor fields), as
 * `GetMultimediaMessageInActiveChat` and the live-chat routes show it. Times are ms, or "" when unset.
 */
export interface SeedUser {
  id: string;
  nickname: string;
  isAgent: boolean;
  beginTime: number | '';
  endTime: number | '';
  isOnline: boolean;
  userAgent: string;
  firstUri: string;
  firstTitle: string;
  channel: string;
  firstIP: string;
}

/** JID of a user (seed 004): `userId@tenantDomain`. */
export function getJid(userId: string, tenantDomain: string): string {
  return `${userId}@${tenantDomain}`;
}

/** Splits a JID at its last `@` (user ids may contain `@`, like `USER_gverde1@acd.enghouse.com`). */
export function parseJid(jid: string): { userId: string; domain: string } | null {
  const at = jid.lastIndexOf('@');
  if (at <= 0 || at === jid.length - 1) return null;
  return { userId: jid.slice(0, at), domain: jid.slice(at + 1) };
}

/** Seed 000's `format`: the large-image rendition (or the file), the thumbnail, or a link only. */
export type MultimediaFormat = 'fullsize' | 'thumbnail' | 'link';

/** Seed 000's answer to GetMultimediaMessageInActiveChat, field for field. */
export interface MultimediaObject {
  result: boolean;
  data: {
    chatID: string;
    messageID: string;
    messageType: string;
    domain: string;
    /**
     * The format served, which may differ from the one asked: `thumbnail` only when the file has one
     * (images, videos, PDFs once processed); otherwise the file itself comes as `fullsize`.
     */
    format: MultimediaFormat;
    content: {
      /** Base64 of the IMAGE (`document`: of the DOCUMENT…); with `format: 'thumbnail'`, a JPEG thumbnail. */
      img?: string;
      document?: string;
      audio?: string;
      video?: string;
      caption: string;
      fileName: string;
      documentType: string;
      /** Only for `link`: where the binary is (`/livechat/:domain/downloadDocument/:chatId/:messageId`). */
      link?: string;
      user: SeedUser;
    };
  } | null;
  error: ErrorBody | null;
}

