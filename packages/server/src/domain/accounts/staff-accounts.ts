import { ParleyError, type StaffAccount, type StaffRole, type UpdateAccountInput } from '@parley/protocol';
import type { AccountRow, AgentRow, AuditRow, Store, UserRow } from '../../store/index.js';
import type { Presence } from '../../bus/index.js';
import type { UserService } from '../users/index.js';
import type { LivechatService } from '../livechat/index.js';
import type { Actor } from '../actor.js';
import { requireAccountControl, requireCapability, requireRoleGrant } from '../../authz/index.js';
import { actorRef } from './actor-ref.js';
import type { AuditLog } from './audit.js';
import type { ClientInfo } from './sign-in.js';

export interface StaffAccountDeps {
  store: Store;
  users: UserService;
  livechat: LivechatService;
  presence: Pick<Presence, 'online'>;
  audit: AuditLog;
  now: () => number;
}

const DEFAULT_MAX_CHATS = 3;
const REFUSAL = 'Owners and admins manage accounts';

/**
 * The accounts admin: the tenant's staff with their role, status and live-chat settings; changes of
 * role, name and settings; deactivation (every session, token and socket ends at once, on every node,
 * and their live chats go back to the queue) and reactivation; the audit log. Every change is audited.
 */
export class StaffAccounts {
  constructor(private readonly deps: StaffAccountDeps) {}

  async list(actor: Actor): Promise<StaffAccount[]> {
    requireCapability(actor, 'manageTenant', REFUSAL);
    const tenantId = actor.tenant.id;
    const accounts = await this.deps.store.accounts.listAccounts(tenantId);
    const users = new Map((await this.deps.store.getUsers(tenantId, accounts.map((a) => a.userId))).map((u) => [u.id, u]));
    const agents = new Map((await this.deps.store.livechat.listAgents(tenantId)).map((a) => [a.userId, a]));
    const online = await this.deps.presence.online(tenantId, accounts.map((a) => a.userId));
    return accounts.flatMap((a) => {
      const user = users.get(a.userId);
      return user ? [view(a, user, agents.get(a.userId) ?? null, online.has(a.userId))] : [];
    });
  }

  /**
   * Changes an account's role, name or live-chat settings. All is checked before anything is written;
   * a role change ends the person's access tokens and sockets (their console signs in again with the
   * new role from its session) so no open connection keeps the old rights.
   */
  async update(actor: Actor, userId: string, input: UpdateAccountInput, client: ClientInfo): Promise<StaffAccount> {
    const { account, user } = await this.find(actor, userId);
    requireAccountControl(actor, user, 'change');
    const roleChange = input.role !== undefined && input.role !== user.role ? input.role : undefined;
    if (roleChange !== undefined) {
      requireRoleGrant(actor, roleChange);
      if (user.role === 'owner') await this.keepAnOwner(actor.tenant.id, user.id);
    }
    const tenantId = actor.tenant.id;
    // The live-chat settings first: they check their departments and write nothing when one is unknown.
    if (input.departments !== undefined || input.maxChats !== undefined) {
      await this.deps.livechat.setAgent(actor, userId, { ...(input.departments ? { departments: input.departments } : {}), ...(input.maxChats !== undefined ? { maxChats: input.maxChats } : {}) });
    }
    const name = input.name?.trim();
    if (name && name !== user.nickname) await this.deps.store.updateUser(tenantId, userId, { nickname: name });
    if (roleChange !== undefined) {
      await this.deps.store.accounts.setRole(tenantId, userId, roleChange);
      await this.deps.users.revokeTokens(tenantId, userId);
      await this.audit(actor, 'account.role_changed', userId, client, { from: user.role ?? 'agent', to: roleChange });
    }
    const changed = [...(input.departments !== undefined ? ['departments'] : []), ...(input.maxChats !== undefined ? ['maxChats'] : []), ...(name && name !== user.nickname ? ['name'] : [])];
    if (changed.length > 0) await this.audit(actor, 'account.updated', userId, client, { fields: changed });
    return this.viewOf(tenantId, account.userId);
  }

  /**
   * Deactivates an account: it cannot sign in; its sessions, access tokens and sockets end at once on
   * every node (close 4401); its live chats go back to their queue. The account and its history stay.
   */
  async deactivate(actor: Actor, userId: string, client: ClientInfo): Promise<StaffAccount> {
    const { user } = await this.find(actor, userId);
    requireAccountControl(actor, user, 'deactivate');
    const tenantId = actor.tenant.id;
    if (user.disabledAt === null) {
      if (user.role === 'owner') await this.keepAnOwner(tenantId, user.id);
      const at = this.deps.now();
      await this.deps.store.updateUser(tenantId, userId, { disabledAt: at });
      await this.deps.store.accounts.revokeAllSessions(tenantId, userId, at);
      await this.deps.users.revokeTokens(tenantId, userId);
      // Offline first, so routing gives them nothing new; then whatever they held goes back.
      if ((await this.deps.store.livechat.getAgent(tenantId, userId)) !== null) await this.deps.livechat.setAgent(actor, userId, { status: 'offline' });
      await this.deps.livechat.requeueAgent(tenantId, userId, 'is no longer available');
      await this.audit(actor, 'account.deactivated', userId, client);
    }
    return this.viewOf(tenantId, userId);
  }

  /** Lets a deactivated account sign in again (its old sessions stay ended). */
  async reactivate(actor: Actor, userId: string, client: ClientInfo): Promise<StaffAccount> {
    const { user } = await this.find(actor, userId);
    requireAccountControl(actor, user, 'reactivate');
    if (user.disabledAt !== null) {
      await this.deps.store.updateUser(actor.tenant.id, userId, { disabledAt: null });
      await this.audit(actor, 'account.reactivated', userId, client);
    }
    return this.viewOf(actor.tenant.id, userId);
  }

  /** The tenant's audit log, newest first, a page at a time (`next` continues it). */
  async auditLog(actor: Actor, query: { before?: string; limit?: number }): Promise<{ entries: AuditRow[]; next?: string }> {
    requireCapability(actor, 'manageTenant', REFUSAL);
    const limit = query.limit ?? 50;
    const rows = await this.deps.store.accounts.listAudit(actor.tenant.id, { ...(query.before ? { before: query.before } : {}), limit: limit + 1 });
    const entries = rows.slice(0, limit);
    return rows.length > limit && entries.length > 0 ? { entries, next: entries[entries.length - 1]!.id } : { entries };
  }

  private async find(actor: Actor, userId: string): Promise<{ account: AccountRow; user: UserRow }> {
    requireCapability(actor, 'manageTenant', REFUSAL);
    const account = await this.deps.store.accounts.getAccount(actor.tenant.id, userId);
    const user = account === null ? null : await this.deps.store.getUser(actor.tenant.id, userId);
    if (account === null || user === null) throw new ParleyError('E_USER_NOT_FOUND', `No account for user ${userId}`);
    return { account, user };
  }

  /** A tenant keeps at least one active owner: the last one cannot be demoted or deactivated. */
  private async keepAnOwner(tenantId: string, leaving: string): Promise<void> {
    const accounts = await this.deps.store.accounts.listAccounts(tenantId);
    const users = await this.deps.store.getUsers(tenantId, accounts.filter((a) => a.userId !== leaving && a.passwordHash !== null).map((a) => a.userId));
    if (!users.some((u) => u.role === 'owner' && u.disabledAt === null)) throw new ParleyError('E_CONFLICT', 'The tenant must keep an active owner: make another owner first');
  }

  private async viewOf(tenantId: string, userId: string): Promise<StaffAccount> {
    const account = await this.deps.store.accounts.getAccount(tenantId, userId);
    const user = await this.deps.store.getUser(tenantId, userId);
    if (account === null || user === null) throw new ParleyError('E_USER_NOT_FOUND', `No account for user ${userId}`);
    const online = await this.deps.presence.online(tenantId, [userId]);
    return view(account, user, await this.deps.store.livechat.getAgent(tenantId, userId), online.has(userId));
  }

  private audit(actor: Actor, action: string, userId: string, client: ClientInfo, detail: Record<string, unknown> = {}): Promise<void> {
    return this.deps.audit.record({ tenantId: actor.tenant.id, actor: actorRef(actor), action, target: `user:${userId}`, ip: client.ip, detail });
  }
}

function view(account: AccountRow, user: UserRow, agent: AgentRow | null, online: boolean): StaffAccount {
  const role: StaffRole = user.role ?? 'agent';
  return {
    userId: user.id,
    email: account.email,
    name: user.nickname,
    role,
    status: user.disabledAt !== null ? 'deactivated' : account.passwordHash === null ? 'invited' : 'active',
    online,
    departments: agent?.departments ?? [],
    maxChats: agent?.maxChats ?? DEFAULT_MAX_CHATS,
    lastLoginAt: account.lastLoginAt,
    createdAt: account.createdAt,
  };
}
