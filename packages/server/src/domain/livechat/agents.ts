import { ParleyError } from '@parley/protocol';
import type { AgentRow, AgentStatus, Store } from '../../store/index.js';
import type { Actor } from '../actor.js';
import { actingUser, can, requireCapability } from '../../authz/index.js';

export const DEFAULT_MAX_CHATS = 3;

/** An agent's routing record with their name (pickers show names, not ids). */
export interface AgentView extends AgentRow {
  nickname: string;
}

export interface AgentInput {
  status?: AgentStatus;
  maxChats?: number;
  departments?: string[];
}

/** Agents' routing settings: status (available, away, offline), maximum concurrent chats, departments. */
export class AgentSettingsService {
  constructor(private readonly store: Store) {}

  /**
   * Changes an agent's settings: agents change their own, admins anyone's. Resolves to the record
   * before (null when new) and after.
   */
  async set(actor: Actor, userId: string, input: AgentInput): Promise<{ before: AgentRow | null; after: AgentRow }> {
    // Admin keys set anyone's settings; an agent only their own.
    if (!can(actor, 'manageTenant') && !(can(actor, 'workAsAgent') && actingUser(actor)?.id === userId)) {
      throw new ParleyError('E_FORBIDDEN', 'Agents set their own status; admins set anyone’s');
    }
    const user = await this.store.getUser(actor.tenant.id, userId);
    if (!user) throw new ParleyError('E_USER_NOT_FOUND', `User ${userId} not found`);
    if (user.kind !== 'agent') throw new ParleyError('E_VALIDATION', `${userId} is not an agent`, { path: '/userId' });
    for (const [i, id] of (input.departments ?? []).entries()) {
      if (!(await this.store.livechat.getDepartment(actor.tenant.id, id))) {
        throw new ParleyError('E_DEPARTMENT_NOT_FOUND', `Department ${id} not found`, { path: `/departments/${i}` });
      }
    }
    const before = await this.store.livechat.getAgent(actor.tenant.id, userId);
    const status = input.status ?? before?.status ?? 'offline';
    const after = await this.store.livechat.saveAgent(actor.tenant.id, userId, {
      status,
      maxChats: input.maxChats ?? before?.maxChats ?? DEFAULT_MAX_CHATS,
      departments: input.departments ?? before?.departments ?? [],
      statusAt: before && before.status === status ? before.statusAt : Date.now(),
    });
    return { before, after };
  }

  async list(actor: Actor): Promise<AgentView[]> {
    requireCapability(actor, 'routeLivechat', 'Agents and admins list agents');
    return this.named(actor.tenant.id, await this.store.livechat.listAgents(actor.tenant.id));
  }

  /** The records with their users' nicknames, in one read of the users. */
  async named(tenantId: string, rows: readonly AgentRow[]): Promise<AgentView[]> {
    const users = new Map((await this.store.getUsers(tenantId, rows.map((r) => r.userId))).map((u) => [u.id, u.nickname]));
    return rows.map((r) => ({ ...r, nickname: users.get(r.userId) ?? r.userId }));
  }
}
