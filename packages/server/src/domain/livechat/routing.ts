import type { AgentRow, AgentStatus, AssignResult, LivechatRow } from '../../store/index.js';
import type { LivechatDeps } from './deps.js';
import type { Announcer } from './announce.js';
import type { QueueView } from './queue.js';

/** Least busy first; ties go to the agent idle the longest (oldest last assignment), then by id. */
export function byRoutingOrder(a: AgentRow, b: AgentRow): number {
  return a.activeChats - b.activeChats || (a.lastAssignedAt ?? 0) - (b.lastAssignedAt ?? 0) || a.userId.localeCompare(b.userId);
}

/** Whether the agent serves the chat's queue: agents without departments serve all; the general queue is everyone's. */
export function serves(agent: AgentRow, row: LivechatRow): boolean {
  return row.departmentId === null || agent.departments.length === 0 || agent.departments.includes(row.departmentId);
}

/**
 * Routing: gives queued chats to agents. Automatic departments are served in queue order by the least
 * busy available, connected agent; manual departments wait for an agent to pick. Every assignment
 * is the store's conditional `queued → active` (`LivechatStore.assign`): of concurrent routers on any
 * number of nodes, and agents picking by hand, exactly one wins a chat. Passes per tenant are
 * serialised on this node only to avoid useless contention.
 */
export class Router {
  private readonly passes = new Map<string, { running: Promise<void>; again: boolean }>();

  constructor(
    private readonly deps: LivechatDeps,
    private readonly announce: Announcer,
    private readonly queue: QueueView,
  ) {}

  /** Runs a routing pass for the tenant (coalesced: a request during a pass runs one more after it). */
  route(tenantId: string): Promise<void> {
    const pass = this.passes.get(tenantId);
    if (pass) {
      pass.again = true;
      return pass.running;
    }
    const entry = { running: Promise.resolve(), again: false };
    entry.running = (async () => {
      try {
        do {
          entry.again = false;
          await this.pass(tenantId);
        } while (entry.again);
      } catch (err) {
        this.deps.logError(err, { tenantId, what: 'routing pass' });
      } finally {
        this.passes.delete(tenantId);
      }
    })();
    this.passes.set(tenantId, entry);
    return entry.running;
  }

  /** Waits for the passes running now. */
  async idle(): Promise<void> {
    await Promise.all([...this.passes.values()].map((p) => p.running));
  }

  /**
   * Tries to give one queued chat to one agent; on success, announces it. `statuses`: the agent
   * states that may take it (routing: available; an agent picking: available or away).
   */
  async claim(row: LivechatRow, agentId: string, statuses: readonly AgentStatus[]): Promise<AssignResult> {
    const at = Date.now();
    const result = await this.deps.store.livechat.assign(row.chatId, agentId, { chatId: row.chatId, tenantId: row.tenantId, userId: agentId, role: 'agent', joinedAt: at }, { at, statuses });
    if (result !== 'assigned') return result;
    await this.announce.joined(row.chatId, agentId);
    await this.announce.routed(row.chatId, 'livechat.assigned', (chat) => ({ chatId: row.chatId, chat, departmentId: row.departmentId, agentId }));
    this.queue.left({ id: row.chatId, tenantId: row.tenantId }, row, 'active');
    await this.queue.broadcast(row.tenantId, row.departmentId);
    return result;
  }

  private async pass(tenantId: string): Promise<void> {
    const { store, bus } = this.deps;
    const queue = await store.livechat.listQueue(tenantId);
    if (queue.length === 0) return;
    const manual = new Set((await store.livechat.listDepartments(tenantId)).filter((d) => d.routing === 'manual').map((d) => d.id));
    const waiting = queue.filter((row) => row.departmentId === null || !manual.has(row.departmentId));
    if (waiting.length === 0) return;
    const agents = (await store.livechat.listAgents(tenantId)).filter((a) => a.status === 'available' && a.activeChats < a.maxChats);
    if (agents.length === 0) return;
    const online = await bus.presence.online(tenantId, agents.map((a) => a.userId));
    const pool = agents.filter((a) => online.has(a.userId));
    for (const row of waiting) {
      const candidates = pool.filter((a) => a.activeChats < a.maxChats && serves(a, row)).sort(byRoutingOrder);
      for (const agent of candidates) {
        const result = await this.claim(row, agent.userId, ['available']);
        if (result === 'assigned') {
          agent.activeChats++;
          agent.lastAssignedAt = Date.now();
          break;
        }
        if (result === 'taken') break;
        // Full or no longer available (another node assigned to them): not a candidate in this pass.
        agent.activeChats = agent.maxChats;
      }
      if (!pool.some((a) => a.activeChats < a.maxChats)) return;
    }
  }
}
