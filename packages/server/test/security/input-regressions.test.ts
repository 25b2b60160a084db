// Defects the bad-input corpus found, each with its regression test.
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer, type TestUser } from '../helpers/server.js';
import { errorCode, send } from './support/http.js';

describe('bad-input regressions', () => {
  let t: TestServer;
  let alice: TestUser;
  let chatId: string;
  before(async () => {
    t = await startTestServer({ config: { heartbeatMs: 60_000 } });
    alice = await t.createUser('member', 'Alice');
    chatId = (await t.createChat('group', [alice.id])).id;
  });
  after(() => t.close());
  const get = (path: string) => send(t.url, { method: 'GET', path, headers: { authorization: `Bearer ${alice.token}` } });

  it('regression: the router refused a malformed percent-encoding and a long path segment without an E_* code', async () => {
    const badUrl = await get('/v1/chats/%ff%fe');
    assert.equal(badUrl.status, 400);
    assert.equal(errorCode(badUrl), 'E_VALIDATION');
    const tooLong = await get(`/v1/chats/${'x'.repeat(5000)}`);
    assert.ok(tooLong.status === 400 || tooLong.status === 414, String(tooLong.status));
    assert.ok(errorCode(tooLong)?.startsWith('E_'), tooLong.text.slice(0, 200));
  });

  it('regression: an id of 101 to 200 characters (valid by the protocol) could not be named in a REST path', async () => {
    const id = `GROUP_${'a'.repeat(180)}`;
    const res = await get(`/v1/chats/${id}`);
    assert.equal(res.status, 404);
    assert.equal(errorCode(res), 'E_CHAT_NOT_FOUND');
    const over = await get(`/v1/chats/${'a'.repeat(201)}`);
    assert.equal(over.status, 400);
    assert.equal(errorCode(over), 'E_VALIDATION');
  });

  it('regression: query numbers were read leniently (0x10, 1e1, " 5", 1.5 for an integer)', async () => {
    for (const query of ['fromSeq=0x10', 'limit=1e1', 'limit=%205', 'limit=1.5', 'limit=05', 'limit=1&limit=2', 'archived=1']) {
      const path = query.startsWith('archived') ? `/v1/chats?${query}` : `/v1/chats/${chatId}/messages?${query}`;
      const res = await get(path);
      assert.equal(res.status, 400, query);
      assert.equal(errorCode(res), 'E_VALIDATION', query);
    }
    assert.equal((await get(`/v1/chats/${chatId}/messages?limit=10&fromSeq=0&position=down`)).status, 200);
    assert.equal((await get('/v1/chats?archived=true&limit=5')).status, 200);
  });

  it('regression: a JSON body declaring a charset other than UTF-8 was read as UTF-8', async () => {
    const res = await send(t.url, {
      method: 'POST',
      path: `/v1/chats/${chatId}/typing`,
      headers: { authorization: `Bearer ${alice.token}`, 'content-type': 'application/json; charset=utf-16' },
      raw: '{"state":"composing"}',
    });
    assert.equal(res.status, 415);
    assert.equal(errorCode(res), 'E_UNSUPPORTED_MEDIA_TYPE');
    const utf8 = await send(t.url, {
      method: 'POST',
      path: `/v1/chats/${chatId}/typing`,
      headers: { authorization: `Bearer ${alice.token}`, 'content-type': 'application/json; charset=UTF-8' },
      raw: '{"state":"composing"}',
    });
    assert.equal(utf8.status, 204);
  });

  it('regression: every error has an E_* code: an over-long URL, a malformed request, a plain GET of the WebSocket route', async () => {
    const longUrl = await get(`/v1/chats?q=${'a'.repeat(20_000)}`);
    assert.equal(longUrl.status, 431);
    assert.equal(errorCode(longUrl), 'E_HEADERS_TOO_LARGE');

    const malformed = await rawExchange(t.url, 'NOT A REQUEST\r\n\r\n');
    assert.match(malformed, /^HTTP\/1\.1 400 /);
    assert.equal(JSON.parse(malformed.slice(malformed.indexOf('\r\n\r\n') + 4)).error.code, 'E_BAD_REQUEST');

    const plain = await get('/v1/ws');
    assert.equal(plain.status, 426);
    assert.equal(errorCode(plain), 'E_UPGRADE_REQUIRED');
    const anonymous = await send(t.url, { method: 'GET', path: '/v1/ws' });
    assert.equal(anonymous.status, 401);
    assert.equal(errorCode(anonymous), 'E_UNAUTHENTICATED');
    // The server still answers normally afterwards.
    assert.equal((await get(`/v1/chats/${chatId}`)).status, 200);
  });
});

/** Writes raw bytes to the server and reads everything until it closes the connection. */
function rawExchange(base: string, request: string): Promise<string> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.end(request));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}
