import { randomUUID } from 'node:crypto';
import { ParleyError, type CreateInvitationInput, type Invitation, type LinkPurpose, type StaffRole } from '@parley/protocol';
import type { AccountRow, AuthLinkRow, Store, UserRow } from '../../store/index.js';
import type { MailOutbox } from '../../infra/mail/index.js';
import type { LivechatService } from '../livechat/index.js';
import type { Actor } from '../actor.js';
import { actingUser, requireCapability, requireRoleGrant } from '../../authz/index.js';
import { invitationMail } from './account-mail.js';
import { actorRef } from './actor-ref.js';
import type { AuditLog } from './audit.js';
import { LINK_TTL_MS, type LinkIssuer } from './links.js';
import { checkPassword, hashPassword } from './passwords.js';
import { normaliseEmail, type ClientInfo, type SignIn, type SignedIn } from './sign-in.js';

export interface InvitationDeps {
  store: Store;
  links: LinkIssuer;
  signIn: SignIn;
  audit: AuditLog;
  outbox: MailOutbox;
  livechat: LivechatService;
  now: () => number;
}

/** What the admin gets back: the invitation, whether it was mailed, and its link when there is no mail. */
export interface InvitationResult {
  invitation: Invitation;
  mailed: boolean;
  link?: string;
}

/** What the accept and reset forms show before the person types anything. */
export interface LinkInfo {
  purpose: LinkPurpose;
  email: string;
  tenantName: string;
  role: StaffRole;
}

/**
 * Invitations: an admin names an email and a role; Parley makes the person's user (an agent, with
 * that role), an account without a password and their live-chat settings at once (the accounts list
 * shows them as invited), and a link valid for 7 days. Following the link, the person sets a
 * password and is signed in. A new invitation to the same pending email replaces the old link.
 */
export class Invitations {
  constructor(private readonly deps: InvitationDeps) {}

  async invite(actor: Actor, input: CreateInvitationInput, client: ClientInfo): Promise<InvitationResult> {
    requireRoleGrant(actor, input.role);
    const email = normaliseEmail(input.email);
    const tenantId = actor.tenant.id;
    // Every check before the first write: a refused invitation changes nothing.
    for (const [i, id] of (input.departments ?? []).entries()) await this.department(tenantId, id, `/departments/${i}`);
    const existing = await this.deps.store.accounts.getAccountByEmail(email);
    if (existing !== null && (existing.tenantId !== tenantId || existing.passwordHash !== null)) {
      throw new ParleyError('E_CONFLICT', 'An account with this email exists', { path: '/email' });
    }
    let user: UserRow;
    if (existing !== null) {
      user = await this.pendingUser(existing, input);
      await this.deps.store.accounts.deleteLinksFor(tenantId, user.id, 'invite');
    } else {
      user = await this.createPending(actor, email, input);
    }
    await this.deps.livechat.setAgent(actor, user.id, { status: 'offline', ...pick(input) });
    const link = await this.deps.links.issue({ purpose: 'invite', tenantId, userId: user.id, email, role: input.role, createdBy: actorRef(actor) });
    await this.deps.audit.record({ tenantId, actor: actorRef(actor), action: 'account.invited', target: `user:${user.id}`, ip: client.ip, detail: { email, role: input.role, ...(existing ? { replaced: true } : {}) } });
    const invitation = toInvitation(link.row);
    if (!this.deps.outbox.enabled) return { invitation, mailed: false, link: link.url };
    const mail = invitationMail({ tenantName: actor.tenant.name, inviter: inviterName(actor), role: input.role, link: link.url, days: LINK_TTL_MS.invite / (24 * 3600_000) });
    // With mail set up the link goes only to the address: whoever opens it proved they read that mailbox.
    return { invitation, mailed: await this.deps.outbox.send(email, mail, 'invitation') };
  }

  /** The tenant's invitations still waiting (unused, unexpired), newest first. */
  async list(actor: Actor): Promise<Invitation[]> {
    requireCapability(actor, 'manageTenant', 'Owners and admins manage accounts');
    const rows = await this.deps.store.accounts.listLinks(actor.tenant.id, 'invite', { pendingAt: this.deps.now() });
    return rows.map(toInvitation);
  }

  /**
   * Withdraws an invitation: its link stops working, and an account that never got a password goes
   * (its user stays, disabled, so nothing that named it breaks). E_NOT_FOUND for an unknown id.
   */
  async withdraw(actor: Actor, id: string, client: ClientInfo): Promise<void> {
    requireCapability(actor, 'manageTenant', 'Owners and admins manage accounts');
    const tenantId = actor.tenant.id;
    const link = (await this.deps.store.accounts.listLinks(tenantId, 'invite')).find((l) => l.id === id);
    if (link === undefined) throw new ParleyError('E_INVITATION_NOT_FOUND', `Invitation ${id} not found`);
    if (link.role !== null) requireRoleGrant(actor, link.role);
    await this.deps.store.accounts.deleteLink(tenantId, id);
    const account = link.userId === null ? null : await this.deps.store.accounts.getAccount(tenantId, link.userId);
    if (account !== null && account.passwordHash === null) {
      await this.deps.store.accounts.deleteAccount(tenantId, account.userId);
      await this.deps.store.accounts.setRole(tenantId, account.userId, null);
      await this.deps.store.updateUser(tenantId, account.userId, { disabledAt: this.deps.now() });
    }
    await this.deps.audit.record({ tenantId, actor: actorRef(actor), action: 'account.invitation_withdrawn', target: link.userId ? `user:${link.userId}` : '', ip: client.ip, detail: { email: link.email } });
  }

  /** What a link is for (the accept, set-up and reset pages ask before showing their form). */
  async describe(token: string): Promise<LinkInfo> {
    const link = await this.deps.links.find(token, ['setup', 'invite', 'reset']);
    const tenant = await this.deps.store.getTenant(link.tenantId);
    if (tenant === null) throw new ParleyError('E_LINK_INVALID');
    // A reset names the account's role; set-up and invitations the role they give.
    const user = link.userId === null ? null : await this.deps.store.getUser(link.tenantId, link.userId);
    return { purpose: link.purpose, email: link.email, tenantName: tenant.name, role: link.role ?? user?.role ?? 'agent' };
  }

  /**
   * Accepts an invitation: sets the password (checked against the policy before the link is spent),
   * the name if given, and signs the person in. The link works once.
   */
  async accept(input: { token: string; password: string; name?: string }, client: ClientInfo): Promise<SignedIn> {
    const found = await this.deps.links.find(input.token, ['invite']);
    await checkPassword(input.password, found.email);
    const passwordHash = await hashPassword(input.password);
    const link = await this.deps.links.consume(input.token, 'invite');
    const account = link.userId === null ? null : await this.deps.store.accounts.getAccount(link.tenantId, link.userId);
    const user = account === null ? null : await this.deps.store.getUser(link.tenantId, account.userId);
    if (account === null || user === null || user.disabledAt !== null) throw new ParleyError('E_LINK_INVALID');
    const at = this.deps.now();
    await this.deps.store.accounts.setPassword(account.tenantId, account.userId, passwordHash, at);
    const name = input.name?.trim();
    if (name) await this.deps.store.updateUser(user.tenantId, user.id, { nickname: name });
    await this.deps.store.accounts.recordLogin(account.tenantId, account.userId, at);
    await this.deps.audit.record({ tenantId: link.tenantId, actor: `user:${user.id}`, action: 'account.activated', target: `user:${user.id}`, ip: client.ip, detail: { email: account.email, role: user.role } });
    return this.deps.signIn.openSession(name ? { ...user, nickname: name } : user, { ...account, passwordHash, passwordChangedAt: at, lastLoginAt: at }, client);
  }

  private async department(tenantId: string, id: string, path: string): Promise<void> {
    try {
      await this.deps.livechat.departments.get(tenantId, id);
    } catch (err) {
      if (err instanceof ParleyError && err.code === 'E_DEPARTMENT_NOT_FOUND') throw new ParleyError('E_DEPARTMENT_NOT_FOUND', `Department ${id} not found`, { path });
      throw err;
    }
  }

  private async createPending(actor: Actor, email: string, input: CreateInvitationInput): Promise<UserRow> {
    const at = this.deps.now();
    const user: UserRow = {
      tenantId: actor.tenant.id,
      id: `AGENT_${actor.tenant.domain}_${randomUUID()}`,
      kind: 'agent',
      nickname: input.name?.trim() || email.split('@')[0] || email,
      profile: {},
      tokenVersion: 0,
      disabledAt: null,
      createdAt: at,
      role: input.role,
    };
    const account: AccountRow = { tenantId: actor.tenant.id, userId: user.id, email, passwordHash: null, totpSecret: null, createdAt: at, passwordChangedAt: null, lastLoginAt: null };
    await this.deps.store.accounts.createAccount(user, account);
    return user;
  }

  /** A pending invitation invited again: the new role and name replace the old. */
  private async pendingUser(account: AccountRow, input: CreateInvitationInput): Promise<UserRow> {
    const user = await this.deps.store.getUser(account.tenantId, account.userId);
    if (user === null) throw new ParleyError('E_CONFLICT', 'An account with this email exists', { path: '/email' });
    if (user.role !== input.role) await this.deps.store.accounts.setRole(account.tenantId, account.userId, input.role);
    const name = input.name?.trim();
    if (name && name !== user.nickname) await this.deps.store.updateUser(account.tenantId, account.userId, { nickname: name });
    if (user.disabledAt !== null) await this.deps.store.updateUser(account.tenantId, account.userId, { disabledAt: null });
    return { ...user, role: input.role, nickname: name || user.nickname, disabledAt: null };
  }
}

function pick(input: CreateInvitationInput): { departments?: string[]; maxChats?: number } {
  return { ...(input.departments ? { departments: input.departments } : {}), ...(input.maxChats !== undefined ? { maxChats: input.maxChats } : {}) };
}

function inviterName(actor: Actor): string {
  return actingUser(actor)?.nickname ?? `The admin of ${actor.tenant.name}`;
}

export function toInvitation(row: AuthLinkRow): Invitation {
  return { id: row.id, email: row.email, role: row.role ?? 'agent', expiresAt: row.expiresAt, createdAt: row.createdAt };
}
