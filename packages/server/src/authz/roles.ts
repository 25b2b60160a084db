import type { UserRow } from '../store/index.js';
import type { Actor } from '../domain/actor.js';

/** The tenant whose admin keys act for the whole installation (the command line and config file use it). */
export const DEFAULT_TENANT = 'DEFAULT';

/**
 * Every kind of caller the policy tells apart. An admin key of the DEFAULT tenant is the operator;
 * any other admin key administers only its own tenant (`admin`). A user with an account has a staff
 * role (`owner`, `admin` — the same role as a tenant's admin key —, `supervisor`, `agent`); other users
 * carry their kind (`customer` is a visitor; a token-minted agent is an `agent`).
 */
export const ROLES = ['operator', 'owner', 'admin', 'supervisor', 'agent', 'bot', 'customer', 'member'] as const;
export type Role = (typeof ROLES)[number];

export type UserActor = Extract<Actor, { type: 'user' }>;
export type KeyActor = Extract<Actor, { type: 'admin' }>;

/** The one place an actor's shape is turned into a role. */
export function roleOf(actor: Actor): Role {
  if (actor.type === 'admin') return actor.tenant.id === DEFAULT_TENANT ? 'operator' : 'admin';
  return actor.user.role ?? actor.user.kind;
}

/** Narrowing helper: the user behind a user token, or null for an admin key (identity, not permission). */
export function actingUser(actor: Actor): UserRow | null {
  return actor.type === 'user' ? actor.user : null;
}

/** Narrowing helper for code that needs the typed variant after a capability check. */
export function isUserActor(actor: Actor): actor is UserActor {
  return actor.type === 'user';
}

export function isKeyActor(actor: Actor): actor is KeyActor {
  return actor.type === 'admin';
}
