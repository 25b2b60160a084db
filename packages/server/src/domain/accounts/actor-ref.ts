import type { Actor } from '../actor.js';
import { isUserActor } from '../../authz/index.js';

/** How the audit log names who acted: `user:<id>` for a person, `key:<id>` for an admin API key. */
export function actorRef(actor: Actor): string {
  return isUserActor(actor) ? `user:${actor.user.id}` : `key:${actor.keyId}`;
}
