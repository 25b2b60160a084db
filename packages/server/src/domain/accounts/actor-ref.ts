import type { Actor } from '../actor.js';

/** How the audit log names who acted: `user:<id>` for a person, `key:<id>` for an admin API key. */
export function actorRef(actor: Actor): string {
  return actor.type === 'user' ? `user:${actor.user.id}` : `key:${actor.keyId}`;
}
