import type { FastifyRequest } from 'fastify';
import type { Actor, Services } from '../../domain/index.js';
import { bearerFrom } from '../../auth/index.js';
import { noteConnection } from '../first-contact.js';
import { requireAdminKey, requireUser, type KeyActor, type UserActor } from '../../authz/index.js';

/** The actor of a request: a user token or an admin key (counted against its rate limit). */
export async function actorOf(services: Services, request: FastifyRequest): Promise<Actor> {
  const actor = await services.auth.fromBearer(bearerFrom(request.headers));
  await request.server.countCaller(actor);
  await noteConnection(services, request, actor);
  return actor;
}

export async function adminOf(services: Services, request: FastifyRequest): Promise<KeyActor> {
  return requireAdminKey(await actorOf(services, request));
}

export async function userOf(services: Services, request: FastifyRequest): Promise<UserActor> {
  return requireUser(await actorOf(services, request));
}
