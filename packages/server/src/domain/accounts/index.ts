import type { Store } from '../../store/index.js';
import type { UserService } from '../users/index.js';
import { AuditLog } from './audit.js';
import { OwnerSetup } from './setup.js';
import { SignIn } from './sign-in.js';
import { LoginThrottle, type FailureCounter } from './throttle.js';

export { AuditLog, auditId, userRef, type AuditEntry } from './audit.js';
export { checkPassword, hashPassword, passwordProblem, verifyPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './passwords.js';
export { SignIn, SESSION_RULES, normaliseEmail, type ClientInfo, type SignedIn } from './sign-in.js';
export { OwnerSetup, SETUP_LINK_TTL_MS } from './setup.js';
export { LoginThrottle, MemoryFailureCounter, THROTTLE, accountLockMs, type FailureCounter, type FailureState } from './throttle.js';
export { formatRefreshToken, parseRefreshToken } from './refresh-tokens.js';

/** The accounts area's facade: sign-in and sessions, the owner's set-up, the audit log. */
export interface AccountService {
  signIn: SignIn;
  setup: OwnerSetup;
  audit: AuditLog;
  /** The base of the links people get (set-up, invitations, resets). */
  publicUrl: () => string;
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

/** Builds the accounts area of a node. */
export function createAccounts(deps: AccountDeps): AccountService {
  const audit = new AuditLog(deps.store.accounts, deps.now);
  const signIn = new SignIn({ store: deps.store, users: deps.users, throttle: new LoginThrottle(deps.failures, deps.now), audit, now: deps.now });
  const setup = new OwnerSetup({ store: deps.store, signIn, audit, now: deps.now });
  return { signIn, setup, audit, publicUrl: deps.publicUrl };
}
