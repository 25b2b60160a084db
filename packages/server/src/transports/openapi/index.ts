import { createRequire } from 'node:module';
import type { FastifyInstance, FastifySchema } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { WS_PATH } from '@parley/protocol';

const { version } = createRequire(import.meta.url)('../../../package.json') as { version: string };

/** Routes that are not the REST API: the WebSocket upgrade, metrics, the documents themselves, the web pages. */
const HIDDEN = new Set([WS_PATH, '/metrics', '/openapi.json', '/widget.js']);
const HIDDEN_PREFIXES = ['/docs', '/console'];

interface DocumentedSchema extends FastifySchema {
  hide?: boolean;
  tags?: string[];
  security?: Record<string, string[]>[];
}

/**
 * The OpenAPI 3.1 document of the native REST API, generated from the TypeBox schemas that validate
 * the requests (so the document cannot drift from the validation), at `/openapi.json`, and a docs
 * page at `/docs` served from the installed swagger-ui files (no CDN). Register before the routes.
 */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Parley REST API',
        version,
        description: 'The native REST API of Parley. Errors answer `{error: {code, message, path?}}`; see docs/errors.md.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'A user access token, or an admin API key for /v1/admin' },
        },
      },
      tags: [
        { name: 'chats', description: 'Chats, members, messages, receipts and typing, as a user' },
        { name: 'admin', description: 'Tenants, users, tokens, API keys and chats, with an admin API key' },
        { name: 'seed 000', description: "The CTLive agent routes of seed 000 (an agent's access token)" },
        { name: 'seed 003', description: 'The customer chat API of seed 003 (the ContactCenterId header names the tenant; no Authorization)' },
        { name: 'operations', description: 'Health and readiness' },
      ],
    },
    transform: ({ schema, url }) => {
      const base: DocumentedSchema = { ...(schema as DocumentedSchema | undefined) };
      if (HIDDEN.has(url) || HIDDEN_PREFIXES.some((prefix) => url.startsWith(prefix))) return { schema: { ...base, hide: true }, url };
      if (url.startsWith('/v1/admin')) return { schema: { ...base, tags: ['admin'], security: [{ bearer: [] }] }, url };
      if (url.startsWith('/v1')) return { schema: { ...base, tags: ['chats'], security: [{ bearer: [] }] }, url };
      if (url.startsWith('/livechat')) return { schema: { ...base, tags: ['seed 000'], security: [{ bearer: [] }] }, url };
      if (url.startsWith('/api/v2')) return { schema: { ...base, tags: ['seed 003'] }, url };
      return { schema: { ...base, tags: ['operations'] }, url };
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
  app.get('/openapi.json', () => app.swagger());
}
