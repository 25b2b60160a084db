import type { Actor } from '../domain/actor.js';
import { can } from './check.js';

/** The user id an action is recorded under; admin keys act as the system. */
export function actorId(actor: Actor): string {
  return actor.type === 'user' ? actor.user.id : `ADMIN_${actor.keyId}`;
}

/** Trusted senders may supply channel message ids (`wamid.…`, `m_…`) and act for integrations. */
export function isTrusted(actor: Actor): boolean {
  return can(actor, 'sendAsIntegration');
}
