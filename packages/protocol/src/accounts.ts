import { literalUnion } from './literal-union.js';

/**
 * Staff accounts (agents and admins are people who sign in with an email and a password). Their role
 * lives on their user row: `owner` (one per tenant, set at first run), `admin`, `supervisor`, `agent`.
 * Users without an account (visitors, bots, members, token-minted agents) have none.
 */
export const STAFF_ROLES = ['owner', 'admin', 'supervisor', 'agent'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export const StaffRoleSchema = literalUnion(STAFF_ROLES);

/** What a single-use link is for: the owner's first-run set-up, an invitation, a password reset. */
export const LINK_PURPOSES = ['setup', 'invite', 'reset'] as const;
export type LinkPurpose = (typeof LINK_PURPOSES)[number];
