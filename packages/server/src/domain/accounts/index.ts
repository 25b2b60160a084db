import type { Store } from '../../store/index.js';
import type { Presence } from '../../bus/index.js';
import type { MailOutbox } from '../../infra/mail/index.js';
import type { UserService } from '../users/index.js';
import type { LivechatService, RateLimiter } from '../livechat/index.js';
import { AuditLog } from './audit.js';
import { Invitations } from './invitations.js';
import { LinkIssuer } from './links.js';
import { PasswordReset } from './password-reset.js';
import { StaffAccounts } from './staff-accounts.js';
import { OwnerSetup } from './setup.js';
import { SignIn } from './sign-in.js';
import { LoginThrottle, type FailureCounter } from './throttle.js';

export { AuditLog, auditId, userRef, type AuditEntry } from './audit.js';
export { checkPassword, hashPassword, passwordProblem, verifyPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './passwords.js';
export { SignIn, SESSION_RULES, normaliseEmail, type ClientInfo, type SignedIn } from './sign-in.js';
export { OwnerSetup, SETUP_LINK_TTL_MS } from './setup.js';
export { LoginThrottle, MemoryFailureCounter, THROTTLE, accountLockMs, type FailureCounter, type FailureState } from './throttle.js';
export { formatRefreshToken, parseRefreshToken } from './refresh-tokens.js';
export { Invitations, type InvitationResult, type LinkInfo } from './invitations.js';
export { PasswordReset, RESETS_PER_HOUR } from './password-reset.js';
export { StaffAccounts } from './staff-accounts.js';
export { LINK_TTL_MS } from './links.js';

/** The accounts area's facade: sign-in and sessions, the owner's set-up, the audit log. */
export interface AccountService {
  signIn: SignIn;
  setup: OwnerSetup;
  audit: AuditLog;
  /** The base of the links people get (set-up, invitations, resets). */
  publicUrl: () => string;
}

/** The staff administration part of the facade: what mail and live chat take part in. */
export interface AccountAdminService {
  /** Invitations by mail or link, and what a link is for. */
  invitations: Invitations;
  /** "Forgot password" and the reset link. */
  resets: PasswordReset;
  /** The accounts admin: list, change, deactivate, reactivate; the audit log. */
  staff: StaffAccounts;
}

export interface AccountDeps {
  store: Store;
  users: UserService;
  /** Sign-in failure counts: per node, or shared through Redis. */
  failures: FailureCounter;
  /** `PARLEY_PUBLIC_URL`, or the address listened on: the base of the links people get. */
  publicUrl: () => string;
  now?: () => number;
}

export interface AccountAdminDeps {
  store: Store;
  users: UserService;
  /** Outgoing mail (disabled without `PARLEY_SMTP_URL`). */
  outbox: MailOutbox;
  /** Live chat: an account's agent settings, and its chats back to the queue when deactivated. */
  livechat: LivechatService;
  /** Who is online (the accounts list shows it). */
  presence: Pick<Presence, 'online'>;
  /** Counts reset mails per account (in Redis when the cluster has one). */
  limiter: RateLimiter;
  /** Background work that failed after its request was answered. */
  logError: (err: unknown, context: Record<string, unknown>) => void;
  now?: () => number;
}

/** Builds the accounts area of a node. */
export function createAccounts(deps: AccountDeps): AccountService {
  const audit = new AuditLog(deps.store.accounts, deps.now);
  const signIn = new SignIn({ store: deps.store, users: deps.users, throttle: new LoginThrottle(deps.failures, deps.now), audit, now: deps.now });
  const setup = new OwnerSetup({ store: deps.store, signIn, audit, now: deps.now });
  return { signIn, setup, audit, publicUrl: deps.publicUrl };
}

/** Builds the staff administration on the sign-in core: invitations, resets, the accounts admin. */
export function createAccountAdmin(core: AccountService, deps: AccountAdminDeps): AccountAdminService {
  const now = deps.now ?? Date.now;
  const links = new LinkIssuer(deps.store.accounts, core.publicUrl, now);
  const { store, outbox, livechat } = deps;
  const { signIn, audit } = core;
  const invitations = new Invitations({ store, links, signIn, audit, outbox, livechat, now });
  const resets = new PasswordReset({ store, links, users: deps.users, audit, outbox, limiter: deps.limiter, now, logError: (err) => deps.logError(err, { work: 'password reset' }) });
  const staff = new StaffAccounts({ store, users: deps.users, livechat, presence: deps.presence, audit, now });
  return { invitations, resets, staff };
}
