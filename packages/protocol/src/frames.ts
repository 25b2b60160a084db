import type { ErrorBody } from './errors.js';
import type { EventMap, EventName, ReceiptKind, TypingState } from './events.js';
import type { Message, SendMessageInput } from './message.js';
import type { ChatSummary } from './chat.js';
import { MESSENGER_OP_NAMES, type MessengerOpMap } from './messenger.js';

export { PROTOCOL_VERSION, SUBPROTOCOL, BEARER_SUBPROTOCOL_PREFIX, WS_PATH } from './wire-constants.js';

export type HistoryPosition = 'up' | 'down';

export interface HistoryQuery {
  chatId: string;
  /** `up` pages towards older messages, `down` towards newer ones (seed 004). Default `up`. */
  position?: HistoryPosition;
  /** Start after (down) or before (up) this seq; exclusive. */
  fromSeq?: number;
  /** Start after / before this message id (seed 004 LAST_ROW_ID). */
  lastRowId?: string;
  /** At most this many (1–100, default 50). */
  limit?: number;
}

export interface HistoryPage {
  messages: Message[];
  /** More messages lie further in the direction of the query. */
  hasMore: boolean;
}

export interface ResumeInput {
  /** Last seq the client holds, per chat. */
  cursors: Record<string, number>;
  /** The epoch of the server the cursors came from (from `hello`); a different epoch is unrecoverable. */
  epoch?: string;
}

export type ResumeChatStatus =
  /** Everything after the cursor was replayed before this ack. */
  | 'recovered'
  /** Too much was missed, or the epoch changed: refetch this chat's history. */
  | 'unrecoverable'
  /** The user is no longer a member. */
  | 'gone'
  /** A chat the client did not name: fetch it. */
  | 'new';

/** `auth`: a fresh access token for the open connection (same tenant and user), before the current one expires. */
export interface AuthInput {
  token: string;
}

export interface AuthResult {
  /** When the connection's new token expires (ms since the epoch): re-authenticate before then or be closed 4401. */
  expiresAt: number;
}

export interface ResumeResult {
  epoch: string;
  chats: { chatId: string; status: ResumeChatStatus; lastSeq: number }[];
  /** How many messages were replayed as `message` events before this ack. */
  replayed: number;
}

/** Every client operation: its input and the data of its successful ack (the messenger's in messenger.ts). */
export interface OpMap extends MessengerOpMap {
  send: { input: SendMessageInput; output: Message };
  receipt: { input: { chatId: string; kind: ReceiptKind; seq: number }; output: { seq: number } };
  typing: { input: { chatId: string; state: TypingState }; output: Record<string, never> };
  history: { input: HistoryQuery; output: HistoryPage };
  resume: { input: ResumeInput; output: ResumeResult };
  chats: { input: Record<string, never>; output: ChatSummary[] };
  ping: { input: Record<string, never>; output: { ts: number } };
  auth: { input: AuthInput; output: AuthResult };
}

export type OpName = keyof OpMap;
export const OP_NAMES = [
  'send',
  'receipt',
  'typing',
  'history',
  'resume',
  'chats',
  'ping',
  'auth',
  ...MESSENGER_OP_NAMES,
] as const satisfies readonly OpName[];

/** Client → server: `{op, rid, data}`; `rid` is echoed in the ack. */
export interface ClientFrame<O extends OpName = OpName> {
  op: O;
  rid: string | number;
  data: OpMap[O]['input'];
}

export interface HelloData {
  protocol: number;
  connectionId: string;
  userId: string;
  tenantId: string;
  /** Identifies the message log; cursors from another epoch cannot be resumed. */
  epoch: string;
  heartbeatMs: number;
  serverTime: number;
  /** When the connection's token expires (ms since the epoch, server clock): send `auth` with a fresh one before, or be closed 4401. */
  tokenExpiresAt: number;
}

/** Server → client frames. */
export type ServerFrame =
  | { t: 'hello'; data: HelloData }
  | { t: 'ack'; rid: string | number; ok: true; data: unknown }
  | { t: 'ack'; rid: string | number; ok: false; error: ErrorBody }
  | { [E in EventName]: { t: 'event'; event: E; data: EventMap[E] } }[EventName]
  /** An error that belongs to no request (a frame that could not be parsed). */
  | { t: 'error'; error: ErrorBody };
