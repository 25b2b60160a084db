import type { TenantRow, UserRow } from '../store/index.js';

/** Who is acting: a logged-in user (agent, customer, bot, member) or a tenant's admin API key. */
export type Actor =
  | { type: 'user'; tenant: TenantRow; user: UserRow }
  | { type: 'admin'; tenant: TenantRow; keyId: string };

// Who-may-do-what lives in authz/; these stay importable from here for the existing callers.
export { actorId, isTrusted } from '../authz/index.js';
