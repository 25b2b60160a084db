// Fuzz target: one HTTP request through the server's own body parsers, validation and error mapping
// (fastify in process, `inject`, no socket): a JSON body against every request schema of the protocol,
// a query string against them too, and the customer chat API's form bodies and parameters (seed 003).
// Input: byte 0 picks the route, byte 1 the content type; then the query string, a newline, the body.
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import type { TSchema } from 'typebox';
import * as protocol from '@parley/protocol';
import { LIMITS } from '@parley/protocol';
import { registerJsonBody } from '../../../src/transports/rest/json-body.js';
import { registerValidation } from '../../../src/transports/rest/validation.js';
import { frameworkErrorHandler, registerErrorHandling } from '../../../src/transports/rest/errors.js';
import { indexOf, operationOf, parseForm, secureKeyOf, text } from '../../../src/transports/compat/genesys/routes.js';
import { checkPrototype, checkTime, FuzzFinding, SLOW_MS } from '../support/property.js';

/** Every object schema the protocol exports: the request bodies and queries of the routes. */
const SCHEMAS: [string, TSchema][] = Object.entries(protocol)
  .filter(([name, value]) => name.endsWith('Schema') && (value as { type?: unknown } | null)?.type === 'object')
  .map(([name, value]) => [name, value as TSchema]);

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/x-www-form-urlencoded',
  'application/json; charset=utf-16',
  'text/plain',
  undefined,
] as const;

/** The parsing half of `app.ts`: same options and hooks, routes that only validate. */
async function buildApp(): Promise<FastifyInstance> {
  const app = Fastify({ bodyLimit: 1024 * 1024, frameworkErrors: frameworkErrorHandler, routerOptions: { maxParamLength: 1000 } });
  app.removeContentTypeParser('text/plain');
  registerJsonBody(app);
  registerErrorHandling(app);
  registerValidation(app);
  for (const [name, schema] of SCHEMAS) {
    app.post(`/b/${name}`, { schema: { body: schema } }, () => ({ ok: true }));
    app.get(`/q/${name}`, { schema: { querystring: schema } }, () => ({ ok: true }));
  }
  await app.register((scope, _opts, done) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, parseForm);
    scope.post('/genesys', (request: FastifyRequest) => ({
      operation: operationOf(request, 'GetMessages'),
      nickname: text(request, 'nickname', LIMITS.nickname),
      message: text(request, 'message', LIMITS.textLength),
      index: indexOf(request),
      secureKey: secureKeyOf(request),
    }));
    done();
  });
  await app.ready();
  return app;
}

const app = await buildApp();
const ROUTES = [...SCHEMAS.flatMap(([name]) => [`POST /b/${name}`, `GET /q/${name}`]), 'POST /genesys'];

export async function fuzz(data: Buffer): Promise<void> {
  if (data.length < 2) return;
  const [method, path] = ROUTES[data[0]! % ROUTES.length]!.split(' ') as ['GET' | 'POST', string];
  const contentType = CONTENT_TYPES[data[1]! % CONTENT_TYPES.length];
  const rest = data.subarray(2);
  const cut = rest.indexOf(10);
  const query = cut < 0 ? '' : rest.subarray(0, cut).toString('latin1');
  const body = cut < 0 ? rest : rest.subarray(cut + 1);
  const what = `rest-request ${method} ${path}`;
  const send = () =>
    app.inject({
      method,
      url: `${path}?${query.replace(/[#\s]/g, '')}`,
      headers: contentType ? { 'content-type': contentType } : {},
      ...(method === 'POST' ? { payload: body } : {}),
    });
  const started = performance.now();
  const res = await send();
  if (performance.now() - started > SLOW_MS) {
    // Slow once may be the machine; slow on each of 3 more runs is the input.
    let best = Infinity;
    for (let i = 0; i < 3; i++) {
      const again = performance.now();
      await send();
      best = Math.min(best, performance.now() - again);
    }
    checkTime(what, performance.now() - best, () => undefined);
  }
  checkPrototype(what);
  if (res.statusCode >= 500) throw new FuzzFinding(`${what}: ${res.statusCode} ${res.body.slice(0, 500)}`);
  if (res.statusCode >= 400) {
    const code = res.json<{ error?: { code?: unknown } }>().error?.code;
    if (typeof code !== 'string' || !/^E_[A-Z_]+$/.test(code)) throw new FuzzFinding(`${what}: ${res.statusCode} without an E_* code: ${res.body.slice(0, 500)}`);
  }
}
