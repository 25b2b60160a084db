import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ParleyMetrics } from './registry.js';

/** Counts HTTP requests by method, route template and status; times them by route. */
export function registerHttpMetrics(app: FastifyInstance, metrics: ParleyMetrics): void {
  app.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    // The route template, never the raw URL: ids in paths would make a series per chat.
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.httpRequests.inc({ method: request.method, route, status: String(reply.statusCode) });
    metrics.httpDuration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
    done();
  });
}
