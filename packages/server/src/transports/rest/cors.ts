import type { FastifyInstance } from 'fastify';

const ALLOW_HEADERS = 'authorization, content-type, contactcenterid, x-api-key, range';
const EXPOSE_HEADERS = 'content-disposition, content-length, content-range, content-type, retry-after';

/**
 * Cross-origin access for the widget, which runs on the customer's site and calls the API of another
 * origin. Every credential it uses is a bearer token in a header; the console's refresh cookie is
 * SameSite=Strict and credentials are never allowed cross-origin, so other sites cannot use it. A preflight names no
 * tenant, so the CORS headers go to every origin; the calls themselves are checked against their
 * tenant's allowed origins where the tenant becomes known (the token's, or the one an anonymous
 * widget call names) and answer 403 E_ORIGIN_FORBIDDEN — readable by the page, so the widget can say
 * why it cannot open. WebSocket upgrades are checked the same way by the gateway.
 */
export function registerCors(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    if (request.headers.origin === undefined) return done();
    reply.header('access-control-allow-origin', '*');
    reply.header('access-control-expose-headers', EXPOSE_HEADERS);
    if (request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined) {
      reply
        .header('access-control-allow-methods', 'GET, POST, PUT, PATCH, DELETE')
        .header('access-control-allow-headers', ALLOW_HEADERS)
        .header('access-control-max-age', '600')
        .code(204)
        .send();
      return;
    }
    done();
  });
}
