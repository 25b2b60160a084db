import type { FastifyRequest } from 'fastify';
import type { Actor, Services } from '../../domain/index.js';
import { bearerFrom } from '../../auth/index.js';
import { noteConnection } from '../first-contact.js';
import { checkOrigin, ownOrigins, requireTenantAdmin, requireUser, type UserActor } from '../../authz/index.js';
import type { TenantRow } from '../../store/index.js';

/**
 * The facades that name a request's caller: `auth` reads the token or key, `users` notes a visitor's
 * first contact. Every plugin that calls `actorOf`, `adminOf` or `userOf` needs them.
 */
export type CallerServices = Pick<Services, 'auth' | 'users'>;

/**
 * The actor of a request: a user token or an admin key (counted against its rate limit). A browser
 * page's call must come from an origin its tenant allows (authz/origins.ts).
 */
export async function actorOf(services: CallerServices, request: FastifyRequest): Promise<Actor> {
  const actor = await services.auth.fromBearer(bearerFrom(request.headers));
  checkRequestOrigin(actor.tenant, request);
  await request.server.countCaller(actor);
  await noteConnection(services, request, actor);
  return actor;
}

/** The actor of an admin route: an admin key, or an owner's or admin's access token. */
export async function adminOf(services: CallerServices, request: FastifyRequest): Promise<Actor> {
  return requireTenantAdmin(await actorOf(services, request));
}

export async function userOf(services: CallerServices, request: FastifyRequest): Promise<UserActor> {
  return requireUser(await actorOf(services, request));
}

/** Throws E_ORIGIN_FORBIDDEN when the request comes from a browser page the tenant does not allow. */
export function checkRequestOrigin(tenant: Pick<TenantRow, 'allowedOrigins'>, request: FastifyRequest): void {
  checkOrigin(tenant, request.headers.origin, ownOrigins(request));
}
