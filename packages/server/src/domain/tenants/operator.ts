import type { Actor } from '../actor.js';
import { requireCapability } from '../../authz/index.js';

export { DEFAULT_TENANT } from '../../authz/index.js';

/**
 * Who may create tenants and change plans: the installation's operator, that is an admin key of the
 * DEFAULT tenant (the command line and the config file need the host, so they act as the operator).
 * A tenant's own admin key reads its tenant but cannot grant itself features.
 */
export function checkOperator(actor: Actor): void {
  requireCapability(actor, 'operateInstallation');
}
