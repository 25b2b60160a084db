import type { FastifyInstance } from 'fastify';
import { HealthResponseSchema, NotReadyResponseSchema, ReadyResponseSchema } from '@parley/protocol';
import { answers } from './responses.js';

/** What readiness reads of the store and the bus: whether they answer and what they are, nothing else. */
export interface ReadinessProbes {
  store: { ping(): Promise<void>; readonly dialect: string };
  bus: { readonly name: string; readonly connected: boolean };
}

/** Longest a readiness check waits for the store: a load balancer needs an answer, not a hang. */
const READY_TIMEOUT_MS = 1_000;

/**
 * `/healthz` (the process answers) and `/readyz` (it can serve: the store answers within a second).
 * A node cut from Redis still serves its clients and catches them up later, so it stays ready.
 */
export function registerHealth(app: FastifyInstance, { store, bus }: ReadinessProbes): void {
  app.get('/healthz', { schema: { response: answers({ 200: HealthResponseSchema }) } }, () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { response: answers({ 200: ReadyResponseSchema, 503: NotReadyResponseSchema }) } }, async (_request, reply) => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('store ping timed out')), READY_TIMEOUT_MS);
    });
    try {
      await Promise.race([store.ping(), late]);
      return { status: 'ready', store: store.dialect, bus: bus.name, busConnected: bus.connected };
    } catch {
      return reply.code(503).send({ status: 'unavailable' });
    } finally {
      clearTimeout(timer);
    }
  });
}
