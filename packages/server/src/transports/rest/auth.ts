import type { FastifyRequest } from 'fastify';
import { ParleyError } from '@parley/protocol';
import type { Actor, Services } from '../../domain/index.js';
import { bearerFrom } from '../../auth/index.js';
import { noteConnection } from '../first-contact.js';

/** The actor of a request: a user token or an admin key (counted against its rate limit). */
export async function actorOf(services: Services, request: FastifyRequest): Promise<Actor> {
  const actor = await services.auth.fromBearer(bearerFrom(request.headers));
  await request.server.countCaller(actor);
  await noteConnection(services, request, actor);
  return actor;
}

export async function adminOf(services: Services, request: FastifyRequest): Promise<Actor & { type: 'admin' }> {
  const actor = await actorOf(services, request);
  if (actor.type !== 'admin') throw new ParleyError('E_FORBIDDEN', 'An admin API key is required');
  return actor;
}

export async function userOf(services: Services, request: FastifyRequest): Promise<Actor & { type: 'user' }> {
  const actor = await actorOf(services, request);
  if (actor.type !== 'user') throw new ParleyError('E_FORBIDDEN', 'A user token is required');
  return actor;
}
