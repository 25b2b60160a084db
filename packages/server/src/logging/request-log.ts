import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * Request logging: every request's logger carries its chat id when the route has one, the request
 * id is answered in `x-request-id`, and (when `logRequests`) one info line per request is written.
 */
export function registerRequestLog(app: FastifyInstance, opts: { logRequests: boolean }): void {
  app.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    void reply.header('x-request-id', request.id);
    done();
  });
  app.addHook('preHandler', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const chatId = (request.params as { chatId?: unknown } | undefined)?.chatId;
    if (typeof chatId === 'string' && chatId !== '') {
      request.log = request.log.child({ chatId });
      reply.log = request.log;
    }
    done();
  });
  if (!opts.logRequests) return;
  app.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    // `req` and `res` go through the logger's serializers (URL made safe, no headers).
    reply.log.info({ req: request, res: reply, responseTime: Math.round(reply.elapsedTime * 10) / 10 }, 'request completed');
    done();
  });
}
