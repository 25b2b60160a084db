import type { FastifyInstance } from 'fastify';

/**
 * JSON bodies for the whole server, with one change to Fastify's parser: an empty body sent as
 * `application/json` is `{}`. Polling clients (the customer chat API's) send that header on every
 * request, body or not; a route whose body is optional then runs as if it had none, and one whose body
 * requires fields still answers E_VALIDATION naming them. Anything else is parsed as before, with
 * `__proto__` and `constructor` keys refused.
 */
export function registerJsonBody(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text === '') {
      done(null, {});
      return;
    }
    void parse(request, text, done);
  });
}
