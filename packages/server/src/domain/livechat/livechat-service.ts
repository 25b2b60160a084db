import { randomUUID } from 'node:crypto';
import { ParleyError, type Chat, type LivechatLastMessage, type LivechatVisitor, type Member } from '@parley/protocol';
import type { AgentRow, ChatRow, LivechatRow, MessageRow, NewMember, OfflineMessageRow, TenantRow, UserRow } from '../../store/index.js';
import { actorId, type Actor } from '../actor.js';
import { toChat, toMember } from '../chats/convert.js';
import type { LivechatDeps } from './deps.js';
import { Announcer } from './announce.js';
import { AgentSettingsService, DEFAULT_MAX_CHATS, type AgentInput, type AgentView } from './agents.js';
import { DepartmentService } from './departments.js';
import { CannedResponses } from './canned.js';
import { canActInChat, REFUSAL, requireCapability, requireUser } from '../../authz/index.js';
import { QueueView, type QueueStatus } from './queue.js';
import { Router, serves } from './routing.js';
import { Transcripts } from './transcripts.js';
import { VisitorService } from './visitors.js';
import { enforceLimits } from './rate-limit.js';

export interface OpenChatInput {
  departmentId?: string;
  subject?: string;
  /** sha-256 hex of the customer chat API's secure key, for chats opened through RequestChat. */
  secureKeyHash?: string;
}

/** A live chat as its visitor and agents see it. */
export interface LivechatView {
  chat: Chat;
  departmentId: string | null;
  agentId: string | null;
  subject: string;
  queue: QueueStatus;
  /** Who opened it, by name (null when the user is gone). */
  visitor: LivechatVisitor | null;
  /** The newest message that is not a server notice, in short. */
  lastMessage: LivechatLastMessage | null;
}

/** How far back the queue looks for a message that is not a notice (joins, transfers, re-queues). */
const LAST_MESSAGE_LOOKBACK = 10;

/**
 * The contact centre: visitors' chats, departments, agents and routing, transfers, invitations, the
 * end of a chat and its transcript. Check… then commit through the store, then announce — the
 * events and the chat's log notices come after the commit.
 */
export class LivechatService {
  readonly departments: DepartmentService;
  readonly agents: AgentSettingsService;
  readonly visitors: VisitorService;
  readonly transcripts: Transcripts;
  readonly queue: QueueView;
  readonly router: Router;
  /** Agents' canned responses: personal, team and department ones. */
  readonly canned: CannedResponses;
  private readonly announce: Announcer;
  /** Follow-ups of events (ends, re-queues), started by the live-chat listener: awaited on close. */
  private readonly background = new Set<Promise<unknown>>();

  constructor(private readonly deps: LivechatDeps) {
    this.departments = new DepartmentService(deps.store);
    this.agents = new AgentSettingsService(deps.store);
    this.visitors = new VisitorService(deps);
    this.transcripts = new Transcripts(deps);
    this.queue = new QueueView(deps.store, deps.events);
    this.announce = new Announcer(deps);
    this.router = new Router(deps, this.announce, this.queue);
    this.canned = new CannedResponses(deps.store);
  }

  /** A visitor opens a live chat: to the tenant's entry bot when it has one, else to the queue. */
  async open(actor: Actor, input: OpenChatInput = {}): Promise<LivechatView> {
    const visitor = requireVisitor(actor);
    const { store, config } = this.deps;
    this.deps.tenants.requireFeature(actor.tenant, 'livechat');
    await enforceLimits(this.deps.limiter, [{ key: `chat:visitor:${visitor.id}`, limit: config.rateLimits.chatsPerVisitor }], config.rateLimits.windowMs);
    const departmentId = input.departmentId ?? null;
    if (departmentId !== null) await this.departments.get(actor.tenant.id, departmentId);
    const botId = await this.deps.bots.entryBot(actor.tenant.id);
    const bot = botId ? await store.getUser(actor.tenant.id, botId) : null;
    const now = Date.now();
    const id = `CHAT_${actor.tenant.domain}_${randomUUID()}`;
    const chat: ChatRow = {
      id,
      tenantId: actor.tenant.id,
      kind: 'livechat',
      state: bot ? 'bot' : 'queued',
      title: input.subject ?? '',
      directKey: null,
      lastSeq: 0,
      lastMessageAt: null,
      createdAt: now,
      createdBy: visitor.id,
      meta: { livechat: true },
    };
    const members: NewMember[] = [{ chatId: id, tenantId: actor.tenant.id, userId: visitor.id, role: 'customer', joinedAt: now }];
    if (bot) members.push({ chatId: id, tenantId: actor.tenant.id, userId: bot.id, role: 'bot', joinedAt: now });
    const row = await store.livechat.createLivechat(chat, members, {
      chatId: id,
      tenantId: actor.tenant.id,
      visitorId: visitor.id,
      departmentId,
      agentId: null,
      subject: input.subject ?? '',
      queuedAt: bot ? null : now,
      assignedAt: null,
      endedAt: null,
      secureKeyHash: input.secureKeyHash ?? null,
      apiCursor: 0,
      transcriptSavedAt: null,
      createdAt: now,
    });
    // The visitor's joining is the log's first entry (seed 003: index 1, ParticipantJoined).
    for (const m of members) await this.announce.joined(id, m.userId);
    if (!bot) {
      await this.announce.routed(id, 'livechat.queued', (chat) => ({ chatId: id, chat, departmentId, cause: 'opened', fromAgentId: null }));
      await this.queue.broadcast(actor.tenant.id, departmentId);
      await this.router.route(actor.tenant.id);
    }
    return this.view(chat.id, row);
  }

  /** The visitor's live chats, newest first (a returning visitor sees the earlier ones). */
  async visitorChats(actor: Actor): Promise<LivechatView[]> {
    const visitor = requireVisitor(actor);
    const rows = await this.deps.store.livechat.listVisitorChats(actor.tenant.id, visitor.id);
    const out: LivechatView[] = [];
    for (const row of rows) out.push(await this.view(row.chatId, row));
    return out;
  }

  /** A live chat with its routing state; members, agents of the tenant and admins. */
  async get(actor: Actor, chatId: string): Promise<LivechatView> {
    await this.deps.access.livechat(actor, chatId);
    return this.view(chatId, await this.row(chatId));
  }

  /** The queue of the caller's tenant (agents and admins), first waiting first. */
  async listQueue(actor: Actor, departmentId?: string): Promise<LivechatView[]> {
    requireCapability(actor, 'routeLivechat');
    const rows = await this.deps.store.livechat.listQueue(actor.tenant.id, departmentId);
    const out: LivechatView[] = [];
    for (const row of rows) out.push(await this.view(row.chatId, row));
    return out;
  }

  /** An agent takes a queued chat (manual mode, or any queue): exactly one agent can win it. */
  async pick(actor: Actor, chatId: string): Promise<LivechatView> {
    const agent = requireAgent(actor);
    const { chat } = await this.deps.access.livechat(actor, chatId);
    const row = await this.row(chatId);
    if (chat.state === 'ended') throw new ParleyError('E_CHAT_ENDED', `Chat ${chatId} has ended`);
    if (chat.state === 'bot') await this.toQueue(chatId);
    else if (chat.state !== 'queued') throw new ParleyError('E_CHAT_TAKEN', `Chat ${chatId} is not waiting in the queue`);
    await this.ensureAgent(actor.tenant, agent.id);
    const result = await this.router.claim(row, agent.id, ['available', 'away']);
    if (result === 'taken') throw new ParleyError('E_CHAT_TAKEN', `Chat ${chatId} was taken by another agent`);
    if (result === 'agent_unavailable') throw new ParleyError('E_AGENT_UNAVAILABLE', 'You are offline or at your maximum of concurrent chats');
    return this.view(chatId);
  }

  /**
   * Seed 002's `joinContact(chatId, nickname)`: an agent joins a live chat. A queued chat (or one with
   * the bot) is picked; an active one gets the agent as another participant.
   */
  async join(actor: Actor, chatId: string): Promise<{ chat: Chat; members: Member[] }> {
    const agent = requireAgent(actor);
    const { chat, member } = await this.deps.access.livechat(actor, chatId);
    if (chat.state === 'ended') throw new ParleyError('E_CHAT_ENDED', `Chat ${chatId} has ended`);
    if (!member) {
      if (chat.state === 'queued' || chat.state === 'bot') await this.pick(actor, chatId);
      else await this.addAgent(chat, agent.id);
    }
    const fresh = (await this.deps.store.getChat(chatId)) ?? chat;
    return { chat: toChat(fresh), members: (await this.deps.store.listMembers(chatId)).map(toMember) };
  }

  /** Invites another agent into a chat (they join; the assignment stays). Admins or agents in the chat. */
  async invite(actor: Actor, chatId: string, agentId: string): Promise<Member> {
    const { chat, member } = await this.deps.access.livechat(actor, chatId);
    if (!canActInChat(actor, 'routeLivechat', member !== null)) throw new ParleyError('E_NOT_MEMBER', 'Only agents in the chat invite');
    if (chat.state === 'ended') throw new ParleyError('E_CHAT_ENDED', `Chat ${chatId} has ended`);
    const target = await this.deps.store.getUser(actor.tenant.id, agentId);
    if (!target) throw new ParleyError('E_USER_NOT_FOUND', `User ${agentId} not found`, { path: '/agentId' });
    if (target.kind !== 'agent') throw new ParleyError('E_VALIDATION', `${agentId} is not an agent`, { path: '/agentId' });
    return this.addAgent(chat, agentId);
  }

  /**
   * Transfers an active chat to another agent (who must be online or away, with a free slot) or to
   * another department's queue. The assigned agent, an agent in the chat, or an admin.
   */
  async transfer(actor: Actor, chatId: string, to: { agentId?: string; departmentId?: string }): Promise<LivechatView> {
    const { chat, member } = await this.deps.access.livechat(actor, chatId);
    if (!canActInChat(actor, 'routeLivechat', member !== null)) throw new ParleyError('E_NOT_MEMBER', 'Only agents in the chat transfer it');
    if (chat.state === 'ended') throw new ParleyError('E_CHAT_ENDED', `Chat ${chatId} has ended`);
    const row = await this.row(chatId);
    if (chat.state !== 'active' || row.agentId === null) throw new ParleyError('E_VALIDATION', 'Only a chat with an agent is transferred; a queued one waits for routing', { path: '/chatId' });
    const from = row.agentId;
    const at = Date.now();
    if (to.agentId !== undefined) {
      const target = await this.deps.store.getUser(actor.tenant.id, to.agentId);
      if (!target || target.kind !== 'agent') throw new ParleyError('E_USER_NOT_FOUND', `Agent ${to.agentId} not found`, { path: '/agentId' });
      if (target.id === from) return this.view(chatId, row);
      await this.ensureAgent(actor.tenant, target.id, 'away');
      const result = await this.deps.store.livechat.transfer(chatId, from, { chatId, tenantId: chat.tenantId, userId: target.id, role: 'agent', joinedAt: at }, at);
      if (result === 'agent_unavailable') throw new ParleyError('E_AGENT_UNAVAILABLE', `Agent ${target.id} is offline or at capacity`, { path: '/agentId' });
      if (result === 'not_assigned') throw new ParleyError('E_CHAT_TAKEN', `Chat ${chatId} changed hands meanwhile`);
      await this.announce.left(chat, from, at);
      await this.announce.joined(chatId, target.id);
      await this.announce.info(chat, actorId(actor), `Transferred to ${target.nickname}`);
      await this.announce.routed(chatId, 'livechat.transferred', (fresh) => ({
        chatId,
        chat: fresh,
        departmentId: row.departmentId,
        fromAgentId: from,
        toAgentId: target.id,
        byUserId: actorId(actor),
      }));
      return this.view(chatId);
    }
    if (to.departmentId === undefined) throw new ParleyError('E_VALIDATION', 'Give agentId or departmentId', { path: '/agentId' });
    const department = await this.departments.get(actor.tenant.id, to.departmentId);
    if (!(await this.deps.store.livechat.requeue(chatId, from, at, department.id))) throw new ParleyError('E_CHAT_TAKEN', `Chat ${chatId} changed hands meanwhile`);
    await this.announce.left(chat, from, at);
    await this.afterRequeue(chat, actorId(actor), `Transferred to ${department.name}`, () =>
      this.announce.routed(chatId, 'livechat.transferred', (fresh) => ({
        chatId,
        chat: fresh,
        departmentId: department.id,
        fromAgentId: from,
        toAgentId: null,
        byUserId: actorId(actor),
      })),
    );
    return this.view(chatId);
  }

  /** The bot hands a chat over to a department's queue (`bot → queued`). The bot in the chat, or an admin. */
  async handover(actor: Actor, chatId: string, departmentId?: string): Promise<LivechatView> {
    const { chat, member } = await this.deps.access.livechat(actor, chatId);
    if (!canActInChat(actor, 'handOverLivechat', member !== null)) throw new ParleyError('E_FORBIDDEN', 'Only the chat’s bot or an admin hands it over');
    if (departmentId !== undefined) await this.departments.get(actor.tenant.id, departmentId);
    if (!(await this.toQueue(chatId, departmentId))) {
      throw new ParleyError(chat.state === 'ended' ? 'E_CHAT_ENDED' : 'E_VALIDATION', `Chat ${chatId} is not with the bot`, { path: '/chatId' });
    }
    await this.queue.broadcast(chat.tenantId);
    await this.router.route(chat.tenantId);
    return this.view(chatId);
  }

  /** Ends a live chat with an endChat message from the caller (seed 000's endContact). */
  async end(actor: Actor, chatId: string): Promise<void> {
    await this.deps.access.livechat(actor, chatId);
    await this.deps.messages.send(actor, { chatId, messageType: 'endChat', content: {} });
  }

  /** Sets an agent's status, capacity, departments; going offline hands their chats back to the queue. */
  async setAgent(actor: Actor, userId: string, input: AgentInput): Promise<AgentView> {
    const { before, after } = await this.agents.set(actor, userId, input);
    if (after.status === 'offline' && before?.status !== 'offline') await this.requeueAgent(actor.tenant.id, userId, 'went offline');
    if (after.status === 'available') await this.router.route(actor.tenant.id);
    const [named] = await this.agents.named(actor.tenant.id, [(await this.deps.store.livechat.getAgent(actor.tenant.id, userId)) ?? after]);
    return named as AgentView;
  }

  /** Hands every chat of an agent back to its queue (offline, or gone past the grace period). */
  async requeueAgent(tenantId: string, agentId: string, reason: string): Promise<number> {
    let count = 0;
    for (const row of await this.deps.store.livechat.listAgentChats(tenantId, agentId)) {
      const at = Date.now();
      if (!(await this.deps.store.livechat.requeue(row.chatId, agentId, at))) continue;
      count++;
      const chat = { id: row.chatId, tenantId };
      await this.announce.left(chat, agentId, at);
      await this.afterRequeue(chat, agentId, `The agent ${reason}; back in the queue`, () => this.requeued(row, agentId));
    }
    return count;
  }

  /** Whether someone could take a chat of the department now (the widget offers the offline form when not). */
  async availability(tenant: TenantRow, departmentId?: string): Promise<{ available: boolean; agents: number }> {
    const agents = (await this.deps.store.livechat.listAgents(tenant.id)).filter((a) => a.status === 'available' && a.activeChats < a.maxChats);
    const online = await this.deps.bus.presence.online(tenant.id, agents.map((a) => a.userId));
    const probe = { departmentId: departmentId ?? null } as LivechatRow;
    const count = agents.filter((a) => online.has(a.userId) && serves(a, probe)).length;
    return { available: count > 0, agents: count };
  }

  /** The offline form: a visitor (or anyone knowing the tenant) leaves a message for agents to find. */
  async leaveOfflineMessage(
    tenant: TenantRow,
    input: { name: string; email: string; text: string; departmentId?: string },
    from: { visitorId?: string; ip: string },
  ): Promise<OfflineMessageRow> {
    const { limiter, config } = this.deps;
    await enforceLimits(
      limiter,
      [{ key: `offline:ip:${from.ip}`, limit: config.rateLimits.chatsPerIp }, ...(from.visitorId ? [{ key: `offline:visitor:${from.visitorId}`, limit: config.rateLimits.chatsPerVisitor }] : [])],
      config.rateLimits.windowMs,
    );
    if (input.departmentId !== undefined) await this.departments.get(tenant.id, input.departmentId);
    return this.deps.store.livechat.createOfflineMessage({
      id: randomUUID(),
      tenantId: tenant.id,
      departmentId: input.departmentId ?? null,
      visitorId: from.visitorId ?? null,
      name: input.name,
      email: input.email,
      text: input.text,
      createdAt: Date.now(),
    });
  }

  listOfflineMessages(actor: Actor, query: { limit?: number; before?: number }): Promise<OfflineMessageRow[]> {
    requireCapability(actor, 'routeLivechat');
    return this.deps.store.livechat.listOfflineMessages(actor.tenant.id, { limit: query.limit ?? 50, before: query.before });
  }

  /** The bot new chats go to first (`bot` state), or none. Admins. */
  async setEntryBot(actor: Actor, userId: string | null): Promise<void> {
    requireCapability(actor, 'manageTenant');
    if (userId !== null) {
      const bot = await this.deps.store.getUser(actor.tenant.id, userId);
      if (!bot) throw new ParleyError('E_USER_NOT_FOUND', `User ${userId} not found`, { path: '/userId' });
      if (bot.kind !== 'bot') throw new ParleyError('E_VALIDATION', `${userId} is not a bot`, { path: '/userId' });
    }
    await this.deps.store.livechat.setEntryBot(actor.tenant.id, userId);
  }

  /** A live chat ended (the live-chat listener calls this after the commit): finish it in the background. */
  afterEnd(chatId: string): void {
    this.track(this.finish(chatId));
  }

  /** A member left a chat (the live-chat listener): if it was a live chat's agent, the chat goes back to the queue. */
  afterLeave(tenantId: string, chatId: string, userId: string): void {
    this.track(this.requeueLeft(tenantId, chatId, userId));
  }

  /** Waits for background work (ends, re-queues, routing passes) started by events. */
  async idle(): Promise<void> {
    while (this.background.size > 0) await Promise.allSettled([...this.background]);
    await this.router.idle();
  }

  /** The routing row of a live chat opened by a visitor (other live chats have none). */
  async row(chatId: string): Promise<LivechatRow> {
    const row = await this.deps.store.livechat.getLivechat(chatId);
    if (!row) throw new ParleyError('E_CHAT_NOT_FOUND', `Live chat ${chatId} not found`);
    return row;
  }

  async view(chatId: string, known?: LivechatRow): Promise<LivechatView> {
    const row = known ?? (await this.row(chatId));
    const chat = await this.deps.store.getChat(chatId);
    if (!chat) throw new ParleyError('E_CHAT_NOT_FOUND', `Chat ${chatId} not found`);
    const fresh = known ? await this.row(chatId) : row;
    const [visitor, recent] = await Promise.all([
      this.deps.store.getUser(chat.tenantId, fresh.visitorId),
      this.deps.store.listMessages(chatId, { limit: LAST_MESSAGE_LOOKBACK }),
    ]);
    return {
      chat: toChat(chat),
      departmentId: fresh.departmentId,
      agentId: fresh.agentId,
      subject: fresh.subject,
      queue: await this.queue.status(chat, fresh),
      visitor: visitor ? { id: visitor.id, nickname: visitor.nickname } : null,
      lastMessage: lastMessageOf(recent),
    };
  }

  private async addAgent(chat: ChatRow, agentId: string): Promise<Member> {
    const before = await this.deps.store.getMember(chat.id, agentId);
    if (before && before.leftAt === null) return toMember(before);
    const added = await this.deps.store.addMember({ chatId: chat.id, tenantId: chat.tenantId, userId: agentId, role: 'agent', joinedAt: Date.now() });
    await this.announce.joined(chat.id, agentId, { rejoined: before !== null });
    return toMember(added);
  }

  /** Agents without a routing record get one (status given, default capacity) when they first take a chat. */
  private async ensureAgent(tenant: TenantRow, userId: string, status: AgentRow['status'] = 'available'): Promise<void> {
    if (await this.deps.store.livechat.getAgent(tenant.id, userId)) return;
    await this.deps.store.livechat.saveAgent(tenant.id, userId, { status, maxChats: DEFAULT_MAX_CHATS, departments: [], statusAt: Date.now() });
  }

  /** Moves a chat from its bot to the queue (false when it was not with the bot); members hear it. */
  private async toQueue(chatId: string, departmentId?: string): Promise<boolean> {
    if (!(await this.deps.store.livechat.handover(chatId, Date.now(), departmentId))) return false;
    const row = await this.row(chatId);
    await this.announce.routed(chatId, 'livechat.queued', (chat) => ({ chatId, chat, departmentId: row.departmentId, cause: 'handover', fromAgentId: null }));
    return true;
  }

  /** A chat its agent gave back (offline, disconnected, left) is in its queue again. */
  private requeued(row: LivechatRow, agentId: string): Promise<void> {
    const { chatId, departmentId } = row;
    return this.announce.routed(chatId, 'livechat.queued', (chat) => ({ chatId, chat, departmentId, cause: 'requeued', fromAgentId: agentId }));
  }

  /** After a chat went back to a queue: members hear the change, the log says why, routing runs. */
  private async afterRequeue(chat: Pick<ChatRow, 'id' | 'tenantId'>, by: string, text: string, announceChange: () => Promise<void>): Promise<void> {
    await announceChange();
    await this.announce.info(chat, by, text);
    await this.queue.broadcast(chat.tenantId);
    await this.router.route(chat.tenantId);
  }

  private track(work: Promise<unknown>): void {
    const running = work.catch((err: unknown) => this.deps.logError(err, { what: 'livechat event' }));
    this.background.add(running);
    void running.finally(() => this.background.delete(running));
  }

  /** Frees the agent's slot, saves the transcript, and moves the queue on. */
  private async finish(chatId: string): Promise<void> {
    const row = await this.deps.store.livechat.finish(chatId, Date.now());
    if (!row) return;
    const chat = await this.deps.store.getChat(chatId);
    if (!chat) return;
    this.queue.left(chat, row, 'ended');
    await this.transcripts.save(chat, row.visitorId);
    await this.queue.broadcast(chat.tenantId, row.departmentId);
    await this.router.route(chat.tenantId);
  }

  private async requeueLeft(tenantId: string, chatId: string, userId: string): Promise<void> {
    const row = await this.deps.store.livechat.getLivechat(chatId);
    if (!row || row.agentId !== userId || row.endedAt !== null) return;
    if (!(await this.deps.store.livechat.requeue(chatId, userId, Date.now()))) return;
    await this.afterRequeue({ id: chatId, tenantId }, userId, 'The agent left; back in the queue', () => this.requeued(row, userId));
  }
}

/** The visitor behind the session; the policy decides, this only narrows to the user row. */
function requireVisitor(actor: Actor): UserRow {
  return requireUser(actor, REFUSAL.visitLivechat, 'visitLivechat').user;
}

function requireAgent(actor: Actor): UserRow {
  return requireUser(actor, REFUSAL.workAsAgent, 'workAsAgent').user;
}

/** The newest of `recent` that is not a notice nor deleted, in short (text for TEXT messages, else ''). */
function lastMessageOf(recent: readonly MessageRow[]): LivechatLastMessage | null {
  let newest: MessageRow | null = null;
  for (const m of recent) if (m.messageType !== 'notice' && m.deletedAt === null && (!newest || m.seq > newest.seq)) newest = m;
  if (!newest) return null;
  const text = newest.messageType === 'TEXT' && typeof newest.content.text === 'string' ? newest.content.text : '';
  return { seq: newest.seq, messageType: newest.messageType, senderId: newest.senderId, text, ts: newest.ts };
}
