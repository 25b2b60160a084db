import type { FastifyRequest } from 'fastify';
import type { Actor, Services } from '../domain/index.js';
import type { FirstContact } from '../domain/users/index.js';
import { isUserActor } from '../authz/index.js';

/** What a request tells of its client: address, user agent, and the page it came from (Referer, else Origin). */
export function firstContactOf(request: FastifyRequest): FirstContact {
  const header = (name: string): string | undefined => {
    const value = request.headers[name];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  return { ip: request.ip, userAgent: header('user-agent'), uri: header('referer') ?? header('origin') };
}

/**
 * Notes an authenticated user's connection (an agent's first one fills seed 000's user fields). It
 * never fails the request: the fields are descriptive, a failed write is logged and tried next time.
 */
export async function noteConnection(services: Pick<Services, 'users'>, request: FastifyRequest, actor: Actor): Promise<void> {
  // Only users have connection fields; admin keys are not people.
  if (!isUserActor(actor)) return;
  try {
    actor.user = await services.users.noteConnection(actor.user, firstContactOf(request));
  } catch (err) {
    request.log.warn({ err, userId: actor.user.id }, 'could not record the connection of a user');
  }
}
