// Visitors never reach each other's chats, and rate limits answer 429 with Retry-After.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TestServer } from '../helpers/server.js';
import { RawClient } from '../helpers/ws-client.js';
import { call, genesys, livechatConfig, openChat, startLivechatServer, visitorSession } from './helpers.js';

describe('live chat abuse (sqlite)', () => {
  let server: TestServer;
  before(async () => {
    server = await startLivechatServer({ livechat: livechatConfig({}, { sessionsPerIp: 6, chatsPerIp: 3, sendsPerVisitor: 5 }) });
  });
  after(() => server.close());

  it("a visitor can never read or write another visitor's chat", async () => {
    const alice = await visitorSession(server, 'Alice');
    const bob = await visitorSession(server, 'Bob');
    const chat = await openChat(server, alice);
    const id = chat.chat.id;
    const attempts = [
      call<{ error: { code: string } }>(server, 'GET', `/v1/chats/${id}/messages`, { token: bob.token }),
      call<{ error: { code: string } }>(server, 'POST', `/v1/chats/${id}/messages`, { token: bob.token, body: { messageType: 'TEXT', content: { text: 'hi' } } }),
      call<{ error: { code: string } }>(server, 'GET', `/v1/livechat/chats/${id}`, { token: bob.token }),
      call<{ error: { code: string } }>(server, 'GET', `/v1/livechat/chats/${id}/transcript`, { token: bob.token }),
      call<{ error: { code: string } }>(server, 'GET', `/v1/livechat/chats/${id}/visitor`, { token: bob.token }),
      call<{ error: { code: string } }>(server, 'POST', `/v1/livechat/chats/${id}/end`, { token: bob.token }),
      call<{ error: { code: string } }>(server, 'POST', `/v1/chats/${id}/typing`, { token: bob.token, body: { state: 'composing' } }),
      call<{ error: { code: string } }>(server, 'POST', `/v1/livechat/chats/${id}/pick`, { token: bob.token }),
    ];
    for (const res of await Promise.all(attempts)) {
      assert.ok(res.status === 403 || res.status === 404, `refused: ${res.status} ${JSON.stringify(res.body)}`);
    }
    const ws = await RawClient.connect(server.wsUrl, bob.token);
    const history = await ws.request('history', { chatId: id });
    assert.equal(history.error?.code, 'E_NOT_MEMBER');
    const send = await ws.request('send', { chatId: id, messageType: 'TEXT', content: { text: 'sneaky' } });
    assert.equal(send.error?.code, 'E_NOT_MEMBER');
    ws.close();
    const mine = await call<{ chats: unknown[] }>(server, 'GET', '/v1/livechat/chats', { token: bob.token });
    assert.deepEqual(mine.body.chats, []);
    // Nothing of Bob's attempts reached the chat.
    const log = await call<{ messages: { messageType: string }[] }>(server, 'GET', `/v1/chats/${id}/messages`, { token: alice.token });
    assert.deepEqual(log.body.messages.map((m) => m.messageType), ['notice']);
    // A visitor is no agent: no status, no queue.
    const status = await call<{ error: { code: string } }>(server, 'PUT', `/v1/livechat/agents/${bob.id}`, { token: bob.token, body: { status: 'available' } });
    assert.equal(status.body.error.code, 'E_FORBIDDEN');
  });

  it('rate limits: sessions per IP, RequestChat per IP, sends per visitor', async () => {
    let limited: Awaited<ReturnType<typeof call<{ error: { code: string; retryAfter: number } }>>> | undefined;
    for (let i = 0; i < 10 && !limited; i++) {
      const res = await call<{ error: { code: string; retryAfter: number } }>(server, 'POST', '/v1/livechat/sessions', { body: { domain: 'DEFAULT', nickname: `n${i}` } });
      if (res.status === 429) limited = res;
    }
    assert.ok(limited, 'sessions are limited per IP');
    assert.equal(limited.body.error.code, 'E_RATE_LIMITED');
    assert.ok(Number(limited.headers.get('retry-after')) >= 1);

    const api = genesys(server);
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await api.request({ nickname: `g${i}` }));
    const refused = answers.find((a) => a.status === 429);
    assert.ok(refused, 'RequestChat is limited per IP');
    assert.equal(refused.body.statusCode, 1, 'retry later');
    assert.ok(Number(refused.headers.get('retry-after')) >= 1);

    const first = answers[0];
    assert.equal(first?.status, 200);
    const chatId = first?.body.id as string;
    const secureKey = first?.body.secureKey as string;
    const codes = [];
    for (let i = 0; i < 7; i++) codes.push((await api.op(chatId, secureKey, { operationName: 'SendMessage', message: `m${i}` })).body.statusCode);
    assert.deepEqual(codes.slice(0, 5), [0, 0, 0, 0, 0]);
    assert.deepEqual(codes.slice(5), [1, 1], 'sends are limited per visitor');
  });
});
