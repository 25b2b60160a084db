import type { Store } from '../../store/index.js';
import type { MailOutbox } from '../../infra/mail/index.js';
import type { UserService } from '../users/index.js';
import type { RateLimiter } from '../livechat/index.js';
import { resetMail } from './account-mail.js';
import type { AuditLog } from './audit.js';
import { LINK_TTL_MS, type LinkIssuer } from './links.js';
import { checkPassword, hashPassword } from './passwords.js';
import { normaliseEmail, type ClientInfo } from './sign-in.js';

export interface PasswordResetDeps {
  store: Store;
  links: LinkIssuer;
  users: UserService;
  audit: AuditLog;
  outbox: MailOutbox;
  /** Counts reset mails per account (in Redis when the cluster has one). */
  limiter: RateLimiter;
  now: () => number;
  /** Work done after the answer that failed (a database error): logged, never shown to the asker. */
  logError: (err: unknown) => void;
}

/** Reset mails per account per hour, at most: more requests are answered the same and send nothing. */
export const RESETS_PER_HOUR = 3;

/**
 * "Forgot password": a link by mail, valid for an hour, that sets a new password and ends every
 * session and socket of the account. The request is answered before anything is looked up, so its
 * answer and its timing say nothing about whether the email has an account.
 */
export class PasswordReset {
  readonly #pending = new Set<Promise<void>>();

  constructor(private readonly deps: PasswordResetDeps) {}

  /** Accepts the request and handles it after the answer; without mail there is nothing to send. */
  request(email: string, client: ClientInfo): void {
    if (!this.deps.outbox.enabled) return;
    const work = this.#send(normaliseEmail(email), client).catch((err: unknown) => this.deps.logError(err));
    this.#pending.add(work);
    void work.finally(() => this.#pending.delete(work));
  }

  /** Resolves when every request taken so far is handled and its mail sent or given up (shutdown, tests). */
  async idle(): Promise<void> {
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
    await this.deps.outbox.idle();
  }

  /**
   * Sets the new password with a reset link (checked against the policy before the link is spent),
   * then ends every session, access token and socket of the account.
   */
  async reset(input: { token: string; password: string }, client: ClientInfo): Promise<void> {
    const found = await this.deps.links.find(input.token, ['reset']);
    await checkPassword(input.password, found.email);
    const passwordHash = await hashPassword(input.password);
    const link = await this.deps.links.consume(input.token, 'reset');
    if (link.userId === null) return;
    const at = this.deps.now();
    if (!(await this.deps.store.accounts.setPassword(link.tenantId, link.userId, passwordHash, at))) return;
    await this.deps.store.accounts.revokeAllSessions(link.tenantId, link.userId, at);
    await this.deps.users.revokeTokens(link.tenantId, link.userId);
    await this.deps.audit.record({ tenantId: link.tenantId, actor: `user:${link.userId}`, action: 'auth.password_reset', target: `user:${link.userId}`, ip: client.ip });
  }

  async #send(email: string, client: ClientInfo): Promise<void> {
    const account = await this.deps.store.accounts.getAccountByEmail(email);
    if (account === null) return;
    const user = await this.deps.store.getUser(account.tenantId, account.userId);
    const tenant = await this.deps.store.getTenant(account.tenantId);
    if (user === null || user.disabledAt !== null || tenant === null) return;
    // Nobody fills a mailbox by asking again and again.
    if (!(await this.deps.limiter.hit(`reset:${account.tenantId}:${account.userId}`, RESETS_PER_HOUR, 3600_000)).allowed) return;
    // A new link replaces any unused one: only the newest mail works.
    await this.deps.store.accounts.deleteLinksFor(account.tenantId, account.userId, 'reset');
    const link = await this.deps.links.issue({ purpose: 'reset', tenantId: account.tenantId, userId: account.userId, email, role: null, createdBy: 'system' });
    await this.deps.audit.record({ tenantId: account.tenantId, actor: 'system', action: 'auth.reset_requested', target: `user:${account.userId}`, ip: client.ip });
    this.deps.outbox.post(email, resetMail({ tenantName: tenant.name, link: link.url, minutes: LINK_TTL_MS.reset / 60_000 }), 'reset');
  }
}
