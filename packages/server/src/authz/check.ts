import { ParleyError } from '@parley/protocol';
import type { Actor } from '../domain/actor.js';
import type { UserRow } from '../store/index.js';
import { POLICY, REFUSAL, type Capability } from './capabilities.js';
import { isKeyActor, isUserActor, roleOf, type KeyActor, type UserActor } from './roles.js';

/** Whether the actor's role holds the capability. */
export function can(actor: Actor, capability: Capability): boolean {
  return (POLICY[capability] as readonly string[]).includes(roleOf(actor));
}

/**
 * Throws E_FORBIDDEN unless the actor holds the capability. `message` keeps the wording each endpoint
 * has always answered with (clients and tests read it).
 */
export function requireCapability(actor: Actor, capability: Capability, message: string = REFUSAL[capability]): void {
  if (!can(actor, capability)) throw new ParleyError('E_FORBIDDEN', message);
}

/** `requireCapability` for a capability only users hold, handing back the narrowed user actor. */
export function requireUser(actor: Actor, message: string = REFUSAL.actAsUser, capability: Capability = 'actAsUser'): UserActor {
  requireCapability(actor, capability, message);
  if (!isUserActor(actor)) throw new ParleyError('E_FORBIDDEN', message);
  return actor;
}

/** `requireCapability(…, 'manageTenant')` that hands back the narrowed admin-key actor. */
export function requireAdminKey(actor: Actor, message: string = REFUSAL.manageTenant): KeyActor {
  requireCapability(actor, 'manageTenant', message);
  if (!isKeyActor(actor)) throw new ParleyError('E_FORBIDDEN', message);
  return actor;
}

/**
 * `requireCapability(…, 'manageTenant')` for the admin routes: an admin key, or the access token of an
 * owner's or an admin's account. Hands back the actor (the domain records who acted).
 */
export function requireTenantAdmin(actor: Actor, message: string = REFUSAL.manageTenant): Actor {
  requireCapability(actor, 'manageTenant', message);
  return actor;
}

/**
 * Minting access tokens for a user, or revoking theirs, is acting as them: an owner's only by an owner
 * or the operator, so an admin (key or account) cannot borrow an owner's rights.
 */
export function requireActAs(actor: Actor, target: Pick<UserRow, 'role'>): void {
  if (target.role === 'owner') requireCapability(actor, 'manageOwners', 'Only an owner acts for an owner');
}

/**
 * The live-chat staff acts (invite, transfer, handover) need the capability and, for users, a seat in
 * the chat; admin keys reach every chat.
 */
export function canActInChat(actor: Actor, capability: Capability, isMember: boolean): boolean {
  return can(actor, capability) && (isMember || can(actor, 'accessAnyChat'));
}
