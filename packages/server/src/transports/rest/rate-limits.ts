import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../../domain/index.js';
import { isKeyActor } from '../../authz/index.js';
import { enforceLimits, type RateLimiter } from '../../domain/livechat/index.js';

export interface HttpRateLimits {
  windowMs: number;
  /** Requests per client IP and window (0: none). Counted before the body is read. */
  perIp: number;
  /** Requests per authenticated user or API key and window (0: none). */
  perUser: number;
}

/** Probes and scrapes are never limited: a load balancer must always see the node. */
const EXEMPT = new Set(['/healthz', '/readyz', '/metrics']);

declare module 'fastify' {
  interface FastifyInstance {
    /** Counts one request for an authenticated caller; throws E_RATE_LIMITED (429 + Retry-After) past the limit. */
    countCaller(actor: Actor): Promise<void>;
  }
}

/**
 * Flood limits of the HTTP surface. Per IP in `onRequest`, before anything is parsed; per user or
 * API key where a request is authenticated (`actorOf`). The counters live behind `RateLimiter`: in
 * this process by default, in Redis when the cluster has one, so a limit holds across nodes.
 *
 * @example
 * registerRateLimits(app, new MemoryRateLimiter(), { windowMs: 60_000, perIp: 6000, perUser: 1200 });
 */
export function registerRateLimits(app: FastifyInstance, limiter: RateLimiter, limits: HttpRateLimits): void {
  app.decorate('countCaller', async (actor: Actor): Promise<void> => {
    if (limits.perUser <= 0) return;
    const key = isKeyActor(actor) ? `http:key:${actor.keyId}` : `http:user:${actor.tenant.id}:${actor.user.id}`;
    await enforceLimits(limiter, [{ key, limit: limits.perUser }], limits.windowMs);
  });
  if (limits.perIp <= 0) return;
  app.addHook('onRequest', async (request: FastifyRequest) => {
    if (EXEMPT.has(request.routeOptions.url ?? '')) return;
    await enforceLimits(limiter, [{ key: `http:ip:${request.ip}`, limit: limits.perIp }], limits.windowMs);
  });
}
