import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Validator } from '@seriousme/openapi-schema-validator';
import { startTestServer, type TestServer } from '../helpers/server.js';

interface Operation {
  tags?: string[];
  security?: unknown[];
  requestBody?: { content: Record<string, { schema: { required?: string[]; properties?: Record<string, unknown> } }> };
  parameters?: { name: string; in: string }[];
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch']);
/** Operations that read no JSON body: the path says everything, or the body is a file. */
const BODILESS = [
  'PUT /v1/chats/{chatId}/favourites/{messageId}',
  'PUT /v1/groups/{chatId}/admins/{userId}',
  'POST /v1/groups/{chatId}/leave',
  'POST /v1/media',
  'POST /v1/livechat/chats/{chatId}/pick',
  'POST /v1/livechat/chats/{chatId}/end',
  'POST /v1/admin/users/{userId}/revoke',
  'POST /v1/admin/webhooks/{endpointId}/rotate-secret',
  'POST /v1/admin/webhooks/{endpointId}/resume',
  'POST /v1/admin/webhook-deliveries/{deliveryId}/replay',
  'POST /v1/auth/logout-all',
  'POST /v1/admin/accounts/{userId}/deactivate',
  'POST /v1/admin/accounts/{userId}/reactivate',
];
/** The native API, the seeds' routes and the probes. */
const API_PATH = /^\/(v1|livechat|api\/v2|healthz|readyz)(\/|$)/;

describe('OpenAPI document', () => {
  let t: TestServer;
  let doc: { openapi: string; paths: Record<string, Record<string, Operation>> };
  before(async () => {
    t = await startTestServer();
    const res = await fetch(`${t.url}/openapi.json`);
    assert.equal(res.status, 200);
    doc = (await res.json()) as typeof doc;
  });
  after(async () => t.close());

  it('is a valid OpenAPI 3.1 document (standard validator)', async () => {
    assert.equal(doc.openapi, '3.1.0');
    const result = await new Validator().validate(doc);
    assert.ok(result.valid, JSON.stringify(result.errors, null, 2));
  });

  it('is generated from the schemas that validate the requests', async () => {
    const send = doc.paths['/v1/chats/{chatId}/messages']?.post;
    assert.ok(send, 'the send route is documented');
    const body = send.requestBody?.content['application/json']?.schema;
    assert.deepEqual(body?.required, ['messageType', 'content']);
    assert.deepEqual(send.parameters?.map((p) => `${p.in}:${p.name}`), ['path:chatId']);
    assert.deepEqual(send.tags, ['chats']);
    assert.ok(send.security?.length, 'bearer auth is documented');
    assert.deepEqual(doc.paths['/v1/admin/users']?.post?.tags, ['admin']);
    // What the document says is required, the validator requires too.
    const res = await fetch(`${t.url}/v1/chats/x/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ content: { text: 'no type' } }),
    });
    assert.equal(res.status, 400);
    assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'E_VALIDATION');
  });

  it('documents every answer of every API operation: a success with its body, and an error body', () => {
    const undocumented: string[] = [];
    let operations = 0;
    for (const [path, item] of Object.entries(doc.paths)) {
      // The web pages (widget, console) are files, not API operations.
      if (!API_PATH.test(path)) continue;
      for (const [method, op] of Object.entries(item)) {
        if (!METHODS.has(method)) continue;
        operations++;
        const responses = Object.entries(op.responses ?? {});
        const hasSchema = (r: { content?: Record<string, { schema?: unknown }> }) => Object.values(r.content ?? {}).some((c) => c.schema !== undefined);
        const successes = responses.filter(([status]) => status.startsWith('2'));
        if (successes.length === 0 || !successes.every(([status, r]) => status === '204' || hasSchema(r))) undocumented.push(`${method.toUpperCase()} ${path}: success`);
        if (!responses.some(([status, r]) => status.startsWith('4') && hasSchema(r))) undocumented.push(`${method.toUpperCase()} ${path}: error`);
      }
    }
    assert.ok(operations > 60, `the API is documented (${operations} operations)`);
    assert.deepEqual(undocumented, []);
  });

  it('documents the request body of every operation that reads one', () => {
    // These act on their path alone (or take a file): they read no JSON body.
    const bodiless = new Set(BODILESS);
    const undocumented: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      if (!API_PATH.test(path)) continue;
      for (const [method, op] of Object.entries(item)) {
        if (!['post', 'put', 'patch'].includes(method)) continue;
        const name = `${method.toUpperCase()} ${path}`;
        if (op.requestBody === undefined && !bodiless.has(name)) undocumented.push(name);
      }
    }
    assert.deepEqual(undocumented, []);
  });

  it('shows the fields a client gets: the history page, the error body', () => {
    const history = doc.paths['/v1/chats/{chatId}/messages']?.get?.responses?.['200']?.content?.['application/json']?.schema as {
      properties: { messages: { items: { properties: Record<string, unknown>; required: string[] } } };
    };
    assert.ok(history.properties.messages.items.required.includes('seq'));
    assert.ok('content' in history.properties.messages.items.properties);
    const failure = doc.paths['/v1/chats']?.post?.responses?.['4XX']?.content?.['application/json']?.schema as {
      properties: { error: { required: string[] } };
    };
    assert.deepEqual(failure.properties.error.required, ['code', 'message']);
  });

  it('leaves out the WebSocket upgrade and the metrics', () => {
    assert.equal(doc.paths['/v1/ws'], undefined);
    assert.equal(doc.paths['/metrics'], undefined);
  });

  it('serves a docs page at /docs from local files, with no CDN', async () => {
    const page = await fetch(`${t.url}/docs/`);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /swagger-ui/i);
    assert.ok(!/https?:\/\/(?!127\.0\.0\.1)[^"']*\.(js|css)/.test(html), 'no script or style from another host');
    const bundle = await fetch(`${t.url}/docs/static/swagger-ui-bundle.js`);
    assert.equal(bundle.status, 200);
  });
});
