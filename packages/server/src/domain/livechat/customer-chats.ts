import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { ParleyError, type CustomerCapability, type CustomerChatState, type Message } from '@parley/protocol';
import type { ChatRow, LivechatRow, MemberRow, TenantRow, UserRow } from '../../store/index.js';
import type { Actor } from '../actor.js';
import type { LivechatDeps } from './deps.js';
import type { LivechatService } from './livechat-service.js';
import { enforceLimits } from './rate-limit.js';
import type { TypingEntry, TypingRing } from './typing-ring.js';

/** The customer chat API's chat states (seed 003's, from the protocol). */
export type CustomerState = CustomerChatState;

/** Operations of the customer chat API that depend on the chat's state (its `capabilities`). */
export type CustomerOperation = CustomerCapability;

const OPEN_CAPABILITIES: readonly CustomerOperation[] = [
  'GetChat',
  'GetMessages',
  'SendMessage',
  'SendStartTypingNotification',
  'SendStopTypingNotification',
  'Complete',
];
const IDLE_CAPABILITIES: readonly CustomerOperation[] = ['GetChat', 'GetMessages'];

/** Log entries one GetMessages call returns at most; the client's cursor pages through the rest. */
export const MAX_ENTRIES = 500;

/** A chat of the customer chat API, opened with its secure key, and the visitor acting in it. */
export interface CustomerChat {
  chat: ChatRow;
  row: LivechatRow;
  actor: Actor & { type: 'user' };
  state: CustomerState;
  capabilities: readonly CustomerOperation[];
}

export interface CustomerMessages {
  messages: Message[];
  typing: TypingEntry[];
  /** Users named by the entries, for their nickname and participant type. */
  users: Map<string, UserRow>;
  /** The index typing entries are given: the newest log index the client holds after this call. */
  index: number;
}

export function customerState(chat: ChatRow): CustomerState {
  if (chat.state === 'ended') return 'Idle';
  return chat.state === 'active' ? 'Chatting' : 'WaitingForAgent';
}

export function capabilitiesOf(state: CustomerState): readonly CustomerOperation[] {
  return state === 'Idle' ? IDLE_CAPABILITIES : OPEN_CAPABILITIES;
}

const hashKey = (key: string): Buffer => createHash('sha256').update(key).digest();

/**
 * The domain side of seed 003's customer chat API (Genesys Web Services family). RequestChat
 * creates a visitor and a live chat and answers a secure key (256 random bits, only its sha-256
 * kept): every later call names the chat AND its secure key, under the tenant's ContactCenterId, so
 * a chat id alone — which agents, logs and transcripts show — never reads or writes a chat. A wrong
 * key, another tenant's chat or an unknown one are the same "not found".
 */
export class CustomerChats {
  /** Per chat, the typing-ring id its poller has seen (in memory: a single node's view). */
  private readonly typingCursors = new Map<string, number>();

  constructor(
    private readonly deps: LivechatDeps,
    private readonly livechat: LivechatService,
    private readonly ring: TypingRing,
  ) {}

  /** The tenant a customer chat API call names by its `ContactCenterId` header (seed 003). */
  async tenantOf(contactCenterId: string | undefined): Promise<TenantRow> {
    if (contactCenterId === undefined || contactCenterId === '') throw new ParleyError('E_TENANT_NOT_FOUND', 'The ContactCenterId header is required');
    const tenant = await this.deps.store.getTenantByContactCenterId(contactCenterId);
    if (!tenant) throw new ParleyError('E_TENANT_NOT_FOUND', 'Unknown ContactCenterId');
    return tenant;
  }

  async request(
    tenant: TenantRow,
    input: { nickname: string; subject?: string; email?: string; userAgent?: string; firstUri?: string; firstTitle?: string; ip: string },
  ): Promise<{ chatId: string; secureKey: string; userId: string; alias: string }> {
    const { limiter, config } = this.deps;
    this.deps.tenants.requireFeature(tenant, 'livechat');
    await enforceLimits(limiter, [{ key: `chat:ip:${input.ip}`, limit: config.rateLimits.chatsPerIp }], config.rateLimits.windowMs);
    const user = await this.livechat.visitors.create(tenant, { ...input, firstIP: input.ip });
    const secureKey = randomBytes(32).toString('base64url');
    const actor: Actor = { type: 'user', tenant, user };
    const view = await this.livechat.open(actor, { subject: input.subject, secureKeyHash: hashKey(secureKey).toString('hex') });
    this.ring.watch(view.chat.id);
    this.typingCursors.set(view.chat.id, this.ring.lastId);
    return { chatId: view.chat.id, secureKey, userId: user.id, alias: tenant.domain };
  }

  /**
   * The chat named by id in the tenant, or E_CHAT_NOT_FOUND whatever was wrong. Seed 003 calls name the
   * chat by its id and the ContactCenterId alone, so the id (122 random bits) is the capability; a
   * client that also sends the secure key RequestChat gave it has that checked too.
   */
  async open(tenant: TenantRow, chatId: string, secureKey: string | undefined): Promise<CustomerChat> {
    const notFound = new ParleyError('E_CHAT_NOT_FOUND', `Chat ${chatId} not found, or the secure key does not match`);
    const row = await this.deps.store.livechat.getLivechat(chatId);
    if (!row || row.tenantId !== tenant.id || row.secureKeyHash === null) throw notFound;
    if (secureKey !== undefined) {
      const expected = Buffer.from(row.secureKeyHash, 'hex');
      const given = hashKey(secureKey);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw notFound;
    }
    const [chat, user] = await Promise.all([this.deps.store.getChat(chatId), this.deps.store.getUser(tenant.id, row.visitorId)]);
    if (!chat || !user) throw notFound;
    this.ring.watch(chatId);
    const state = customerState(chat);
    return { chat, row, actor: { type: 'user', tenant, user }, state, capabilities: capabilitiesOf(state) };
  }

  /** Refuses an operation outside the chat's capabilities: the chat is over, or the state forbids it. */
  check(cc: CustomerChat, operation: CustomerOperation): void {
    if (cc.capabilities.includes(operation)) return;
    if (cc.state === 'Idle') throw new ParleyError('E_CHAT_ENDED', `The chat is over; ${operation} is no longer possible`);
    throw new ParleyError('E_OPERATION_NOT_ALLOWED', `${operation} is not possible while the chat is ${cc.state}`);
  }

  /** Current participants with their users. */
  async participants(cc: CustomerChat): Promise<{ member: MemberRow; user: UserRow | undefined }[]> {
    const members = await this.deps.store.listMembers(cc.chat.id);
    const users = new Map((await this.deps.store.getUsers(cc.chat.tenantId, members.map((m) => m.userId))).map((u) => [u.id, u]));
    return members.map((member) => ({ member, user: users.get(member.userId) }));
  }

  /**
   * GetMessages. With `index`: the log from that index on (`0`: all of it). Without: what this
   * client has not been given yet — the log after its cursor, and the typing notices since its last
   * call. Either way the cursor moves to the newest index returned.
   */
  async messages(cc: CustomerChat, index: number | undefined): Promise<CustomerMessages> {
    const { store, messages: service } = this.deps;
    const after = index === undefined ? cc.row.apiCursor : Math.max(0, index - 1);
    // The visitor's view: what they cleared or deleted for themselves is not shown, yet moves the cursor.
    const viewer = await service.finder.viewer(cc.chat.id, cc.actor.user.id);
    const page = await service.finder.readAfter(cc.chat, viewer, after, { limit: MAX_ENTRIES, untilSeq: cc.chat.lastSeq });
    const messages = page.messages;
    const newest = page.through;
    if (newest > cc.row.apiCursor) await store.livechat.advanceApiCursor(cc.chat.id, newest);
    let typing: TypingEntry[] = [];
    if (index === undefined) {
      const seen = this.typingCursors.get(cc.chat.id) ?? 0;
      typing = this.ring.since(cc.chat.id, seen).filter((t) => t.userId !== cc.actor.user.id);
      this.typingCursors.set(cc.chat.id, this.ring.lastId);
      if (this.typingCursors.size > 100_000) this.typingCursors.clear();
    }
    const ids = new Set([...messages.map((m) => m.senderId), ...typing.map((t) => t.userId)]);
    const users = new Map((await store.getUsers(cc.chat.tenantId, [...ids])).map((u) => [u.id, u]));
    return { messages, typing, users, index: Math.max(newest, cc.row.apiCursor) };
  }

  async send(cc: CustomerChat, text: string, ip: string): Promise<Message> {
    this.check(cc, 'SendMessage');
    await this.limitSends(cc, ip);
    return this.deps.messages.send(cc.actor, { chatId: cc.chat.id, messageType: 'TEXT', content: { text } });
  }

  async typing(cc: CustomerChat, composing: boolean): Promise<void> {
    this.check(cc, composing ? 'SendStartTypingNotification' : 'SendStopTypingNotification');
    await this.deps.typing.set(cc.actor, { chatId: cc.chat.id, state: composing ? 'composing' : 'gone' });
  }

  async complete(cc: CustomerChat): Promise<void> {
    this.check(cc, 'Complete');
    await this.livechat.end(cc.actor, cc.chat.id);
  }

  private async limitSends(cc: CustomerChat, ip: string): Promise<void> {
    const { limiter, config } = this.deps;
    await enforceLimits(
      limiter,
      // Per visitor is counted by the send rule (visitorSendLimitRule) on every surface; per IP here.
      [{ key: `send:ip:${ip}`, limit: config.rateLimits.sendsPerIp }],
      config.rateLimits.windowMs,
    );
  }
}
