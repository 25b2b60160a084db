import type { FastifyInstance } from 'fastify';
import type { ParleyMetrics } from './registry.js';

/** `GET /metrics`: the Prometheus text exposition of this node. */
export function registerMetricsRoute(app: FastifyInstance, metrics: ParleyMetrics): void {
  app.get('/metrics', async (_request, reply) => {
    const { contentType, body } = await metrics.render();
    return reply.type(contentType).send(body);
  });
}
