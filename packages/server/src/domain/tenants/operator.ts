import { ParleyError } from '@parley/protocol';
import type { Actor } from '../actor.js';

export const DEFAULT_TENANT = 'DEFAULT';

/**
 * Who may create tenants and change plans: the installation's operator, that is an admin key of the
 * DEFAULT tenant (the command line and the config file need the host, so they act as the operator).
 * A tenant's own admin key reads its tenant but cannot grant itself features.
 */
export function checkOperator(actor: Actor): void {
  if (actor.type !== 'admin' || actor.tenant.id !== DEFAULT_TENANT) {
    throw new ParleyError('E_FORBIDDEN', 'Only an admin key of the DEFAULT tenant (the operator) creates tenants and changes plans');
  }
}
