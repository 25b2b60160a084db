// An empty body sent as application/json is `{}` on every route: optional bodies run, required ones
// answer E_VALIDATION naming the field. Over real HTTP, with Content-Length: 0 and with a chunked empty body.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import type { TestServer } from '../helpers/server.js';
import { genesys, startLivechatServer } from '../livechat/helpers.js';

interface Reply {
  status: number;
  body: any;
}

/** A request with `Content-Type: application/json` and no body: fetch sends Content-Length: 0. */
async function emptyJson(t: TestServer, method: string, path: string, headers: Record<string, string> = {}): Promise<Reply> {
  const res = await fetch(`${t.url}${path}`, { method, headers: { 'content-type': 'application/json', ...headers } });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** The same with a chunked body of no chunks (no Content-Length at all), as some HTTP clients send. */
function emptyChunked(t: TestServer, method: string, path: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${t.url}${path}`, { method, headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked', ...headers } }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : null }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function raw(t: TestServer, path: string, body: string, token: string): Promise<Reply> {
  const res = await fetch(`${t.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body });
  return { status: res.status, body: await res.json() };
}

describe('empty JSON bodies (sqlite)', () => {
  let t: TestServer;
  before(async () => {
    t = await startLivechatServer();
  });
  after(() => t.close());

  it('a customer chat API poll with the JSON header and no body answers GetMessages (seed 003)', async () => {
    const api = genesys(t);
    const requested = await api.request({ nickname: 'Chris' });
    assert.equal(requested.status, 200, JSON.stringify(requested.body));
    const chatId = requested.body.id as string;
    const headers = { ContactCenterId: api.ccid, SecureKey: requested.body.secureKey as string };

    for (const send of [emptyJson, emptyChunked]) {
      for (const path of [`/api/v2/chats/${chatId}`, `/api/v2/chats/${chatId}/messages?index=0`]) {
        const poll = await send(t, 'POST', path, headers);
        assert.equal(poll.status, 200, `${send.name} ${path}: ${JSON.stringify(poll.body)}`);
        assert.equal(poll.body.statusCode, 0);
        assert.ok(Array.isArray(poll.body.messages), `${path} answers the messages`);
      }
    }
    const all = await emptyJson(t, 'POST', `/api/v2/chats/${chatId}/messages?index=0`, headers);
    assert.deepEqual(all.body.messages.map((e: { type: string }) => e.type), ['ParticipantJoined']);
    // With a wrong key the poll is still refused, body or not.
    const refused = await emptyJson(t, 'POST', `/api/v2/chats/${chatId}`, { ContactCenterId: api.ccid, SecureKey: 'not-the-key' });
    assert.equal(refused.status >= 400, true);
    assert.equal(refused.body.statusCode, 2);
  });

  it('a native route whose body is optional runs with none', async () => {
    const user = await t.createUser('member', 'Ann');
    const auth = { authorization: `Bearer ${t.adminKey}` };
    for (const send of [emptyJson, emptyChunked]) {
      const token = await send(t, 'POST', `/v1/admin/users/${encodeURIComponent(user.id)}/tokens`, auth);
      assert.equal(token.status, 201, `${send.name}: ${JSON.stringify(token.body)}`);
      assert.equal(typeof token.body.token, 'string');
    }
    const revoked = await emptyJson(t, 'POST', `/v1/admin/users/${encodeURIComponent(user.id)}/revoke`, auth);
    assert.equal(revoked.status, 204);
  });

  it('a route whose body is required answers E_VALIDATION with the missing field, and stores nothing', async () => {
    const ann = await t.createUser('member', 'Ann');
    const bob = await t.createUser('member', 'Bob');
    const chat = await t.createChat('group', [ann.id, bob.id]);
    for (const send of [emptyJson, emptyChunked]) {
      const sent = await send(t, 'POST', `/v1/chats/${chat.id}/messages`, { authorization: `Bearer ${ann.token}` });
      assert.equal(sent.status, 400, JSON.stringify(sent.body));
      assert.equal(sent.body.error.code, 'E_VALIDATION');
      assert.match(sent.body.error.message, /messageType/);
      const created = await send(t, 'POST', '/v1/admin/users', { authorization: `Bearer ${t.adminKey}` });
      assert.equal(created.body.error.code, 'E_VALIDATION');
    }
    const history = await fetch(`${t.url}/v1/chats/${chat.id}/messages`, { headers: { authorization: `Bearer ${ann.token}` } });
    const messages = ((await history.json()) as { messages: { messageType: string }[] }).messages;
    assert.equal(messages.filter((m) => m.messageType === 'TEXT').length, 0, 'nothing was sent');
  });

  it('a body that is there but not JSON is still E_BAD_JSON', async () => {
    const user = await t.createUser('member', 'Cy');
    for (const body of [' ', '{"ttlSeconds":', 'null x', '{"__proto__":{"admin":true}}']) {
      const res = await raw(t, `/v1/admin/users/${encodeURIComponent(user.id)}/tokens`, body, t.adminKey);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.body.error.code, 'E_BAD_JSON', JSON.stringify(body));
    }
  });
});
