import type { TenantRow, UserRow } from '../store/index.js';

/** Who is acting: a logged-in user (agent, customer, bot, member) or a tenant's admin API key. */
export type Actor =
  | { type: 'user'; tenant: TenantRow; user: UserRow }
  | { type: 'admin'; tenant: TenantRow; keyId: string };

/** The user id an action is recorded under; admins act as the system. */
export function actorId(actor: Actor): string {
  return actor.type === 'user' ? actor.user.id : `ADMIN_${actor.keyId}`;
}

/** Trusted senders may supply channel message ids (`wamid.…`, `m_…`) and act for integrations. */
export function isTrusted(actor: Actor): boolean {
  return actor.type === 'admin' || actor.user.kind === 'bot';
}
