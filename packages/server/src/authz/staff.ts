import { ParleyError, type StaffRole } from '@parley/protocol';
import type { UserRow } from '../store/index.js';
import type { Actor } from '../domain/actor.js';
import { requireCapability } from './check.js';

/**
 * Who may manage staff accounts. Admins (an admin key or an admin's account) invite, change and
 * deactivate admins, supervisors and agents; owners are made, changed and deactivated only by an
 * owner (or the installation's operator, who may have to give a new tenant its first owner).
 */

/** May the actor give `role` (invite with it, or change an account to it)? */
export function requireRoleGrant(actor: Actor, role: StaffRole): void {
  requireCapability(actor, 'manageTenant', 'Owners and admins manage accounts');
  if (role === 'owner') requireCapability(actor, 'manageOwners', 'Only an owner makes owners');
}

/** May the actor change or deactivate `target`'s account? Nobody deactivates or demotes themselves here. */
export function requireAccountControl(actor: Actor, target: UserRow, act: 'change' | 'deactivate' | 'reactivate'): void {
  requireCapability(actor, 'manageTenant', 'Owners and admins manage accounts');
  if (target.role === 'owner') requireCapability(actor, 'manageOwners', 'Only an owner changes an owner’s account');
  // Locking oneself out is never what was meant: another owner or admin does it.
  if (act === 'deactivate' && actor.type === 'user' && actor.user.id === target.id) throw new ParleyError('E_FORBIDDEN', 'You cannot deactivate your own account');
}
