// Seed 003's customer chat API alone: RequestChat, GetChat, GetMessages with and without index,
// SendMessage, typing, Complete — and everything it must refuse.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TestServer } from '../helpers/server.js';
import { call, chatState, eventually, genesys, onlineAgent, startLivechatServer, type Entry } from './helpers.js';

describe('customer chat API (sqlite)', () => {
  let server: TestServer;
  let api: ReturnType<typeof genesys>;
  before(async () => {
    server = await startLivechatServer();
    api = genesys(server);
  });
  after(() => server.close());

  it('a whole chat through the polling API', async () => {
    const requested = await api.request({ nickname: 'Chris', subject: 'Order 42', userData: { order: '42' } });
    assert.equal(requested.status, 200, JSON.stringify(requested.body));
    assert.equal(requested.body.statusCode, 0);
    const chatId = requested.body.id as string;
    const secureKey = requested.body.secureKey as string;
    assert.equal(requested.body.path, `/api/v2/chats/${chatId}`);
    assert.ok(secureKey.length >= 43, 'at least 256 bits');

    const waiting = await api.op(chatId, secureKey, { operationName: 'GetChat' });
    assert.equal(waiting.body.statusCode, 0);
    const chat = waiting.body.chat as { id: string; state: string; participants: unknown[]; capabilities: string[] };
    assert.equal(chat.id, chatId);
    assert.equal(chat.state, 'WaitingForAgent');
    assert.deepEqual(chat.participants, [{ nickname: 'Chris', participantId: chat.participants.length ? (chat.participants[0] as { participantId: string }).participantId : '', type: 'Customer' }]);
    assert.ok(chat.capabilities.includes('SendMessage') && chat.capabilities.includes('Complete'));
    // GET works too.
    const viaGet = await call<{ chat: { state: string } }>(server, 'GET', `/api/v2/chats/${chatId}?secureKey=${encodeURIComponent(secureKey)}`, { headers: { ContactCenterId: api.ccid } });
    assert.equal(viaGet.body.chat.state, 'WaitingForAgent');

    const first = await api.messages(chatId, secureKey);
    assert.equal(first.body.statusCode, 0);
    assert.deepEqual(first.body.messages, [{ from: { nickname: 'Chris', participantId: first.body.messages[0]?.from.participantId, type: 'Customer' }, index: 1, type: 'ParticipantJoined' }]);
    assert.deepEqual((await api.messages(chatId, secureKey)).body.messages, [], 'nothing new for this client');

    const sent = await api.op(chatId, secureKey, { operationName: 'SendMessage', message: 'Hello?' });
    assert.equal(sent.body.statusCode, 0, JSON.stringify(sent.body));
    const agent = await onlineAgent(server, 'Kristi Sippola');
    await eventually(() => chatState(server, chatId), (s) => s.state === 'active', 'assignment');
    const chatting = await api.op(chatId, secureKey, { operationName: 'GetChat' });
    assert.equal((chatting.body.chat as { state: string }).state, 'Chatting');

    await agent.socket.waitFor(() => agent.socket.eventsOf('member.joined').length > 0, 'agent subscribed');
    assert.equal((await agent.socket.request('typing', { chatId, state: 'composing' })).ok, true);
    assert.equal((await agent.socket.request('send', { chatId, messageType: 'TEXT', content: { text: 'Hi Chris' } })).ok, true);
    assert.equal((await agent.socket.request('typing', { chatId, state: 'gone' })).ok, true);

    const news = await api.messages(chatId, secureKey);
    const types = news.body.messages.map((e: Entry) => e.type);
    assert.deepEqual(types, ['Text', 'ParticipantJoined', 'Text', 'TypingStarted', 'TypingStopped']);
    const [text, agentJoined, reply, typing] = news.body.messages;
    assert.deepEqual(text, { from: { nickname: 'Chris', participantId: text?.from.participantId, type: 'Customer' }, index: 2, text: 'Hello?', type: 'Text' });
    assert.deepEqual(agentJoined, { from: { nickname: 'Kristi Sippola', participantId: agent.id, type: 'Agent' }, index: 3, type: 'ParticipantJoined' });
    assert.deepEqual(reply, { from: { nickname: 'Kristi Sippola', participantId: agent.id, type: 'Agent' }, index: 4, text: 'Hi Chris', type: 'Text' });
    assert.deepEqual(Object.keys(typing ?? {}).sort(), ['from', 'index', 'type']);
    for (const entry of news.body.messages) assert.ok(Object.keys(entry).every((k) => ['from', 'index', 'text', 'type'].includes(k)));

    // index=0: everything; index=3: from 3 on. Typing notices are not part of the log.
    const all = await api.messages(chatId, secureKey, 0);
    assert.deepEqual(all.body.messages.map((e: Entry) => e.index), [1, 2, 3, 4]);
    assert.deepEqual((await api.messages(chatId, secureKey, 3)).body.messages.map((e: Entry) => e.index), [3, 4]);
    // POST /api/v2/chats/{id} with index is GetMessages too, and form bodies work.
    const posted = await call<{ messages: Entry[]; statusCode: number }>(server, 'POST', `/api/v2/chats/${chatId}`, {
      headers: { ContactCenterId: api.ccid },
      form: { secureKey, index: '4' },
    });
    assert.deepEqual(posted.body.messages.map((e) => e.index), [4]);

    assert.equal((await api.op(chatId, secureKey, { operationName: 'SendStartTypingNotification' })).body.statusCode, 0);
    await agent.socket.waitFor(() => agent.socket.eventsOf('typing').some((t) => t.state === 'composing'), 'visitor typing reached the agent');
    assert.equal((await api.op(chatId, secureKey, { operationName: 'SendStopTypingNotification' })).body.statusCode, 0);

    const complete = await api.op(chatId, secureKey, { operationName: 'Complete' });
    assert.equal(complete.body.statusCode, 0, JSON.stringify(complete.body));
    const ended = await eventually(() => api.messages(chatId, secureKey), (r) => r.body.messages.some((e: Entry) => e.type === 'TranscriptSaveDone'), 'TranscriptSaveDone');
    assert.deepEqual(ended.body.messages.map((e: Entry) => e.type).slice(-2), ['Notice', 'TranscriptSaveDone']);
    const idle = await api.op(chatId, secureKey, { operationName: 'GetChat' });
    assert.equal((idle.body.chat as { state: string; capabilities: string[] }).state, 'Idle');
    assert.deepEqual((idle.body.chat as { capabilities: string[] }).capabilities, ['GetChat', 'GetMessages']);

    // The chat is over: operations outside the capabilities answer statusCode 2.
    for (const operationName of ['SendMessage', 'SendStartTypingNotification', 'Complete']) {
      const refused = await api.op(chatId, secureKey, { operationName, message: 'still there?' });
      assert.equal(refused.body.statusCode, 2, operationName);
      assert.equal((refused.body.errors as { code: string }[])[0]?.code, 'E_CHAT_ENDED');
    }
    agent.socket.close();
  });

  it('refuses a wrong or missing ContactCenterId, another tenant, a wrong secure key', async () => {
    const requested = await api.request({ nickname: 'Dana', subject: 'x' });
    const chatId = requested.body.id as string;
    const secureKey = requested.body.secureKey as string;

    const missing = await api.request({ nickname: 'Eve' }, {});
    assert.equal(missing.body.statusCode, 2);
    assert.equal((missing.body.errors as { code: string }[])[0]?.code, 'E_TENANT_NOT_FOUND');
    assert.equal(typeof missing.body.message, 'string');
    const unknown = await api.messages(chatId, secureKey, 0, { ContactCenterId: '00000000-0000-4000-8000-000000000000' });
    assert.equal(unknown.body.statusCode, 2);
    assert.equal(unknown.body.messages, undefined, 'no data of any tenant');

    // Another tenant's ContactCenterId with this chat's id and key: not found.
    const other = await server.admin<{ tenant: { contactCenterId: string } }>('POST', '/v1/admin/tenants', { domain: 'OTHER' });
    const cross = await api.messages(chatId, secureKey, 0, { ContactCenterId: other.body.tenant.contactCenterId });
    assert.equal(cross.body.statusCode, 2);
    assert.equal(cross.body.messages, undefined);

    // Seed 003 as written: the chat id and the ContactCenterId alone read the chat; another chat's key does not.
    const seedStyle = await call<{ statusCode: number; messages?: unknown[] }>(server, 'GET', `/api/v2/chats/${chatId}/messages?index=0`, { headers: { ContactCenterId: api.ccid } });
    assert.equal(seedStyle.body.statusCode, 0);
    assert.ok(Array.isArray(seedStyle.body.messages));
    const someoneElse = await api.request({ nickname: 'Mallory' });
    const wrongKey = await api.messages(chatId, someoneElse.body.secureKey as string, 0);
    assert.equal(wrongKey.body.statusCode, 2);
    const send = await api.op(chatId, someoneElse.body.secureKey as string, { operationName: 'SendMessage', message: 'injected' });
    assert.equal(send.body.statusCode, 2);
    assert.equal(((await api.messages(chatId, secureKey, 0)).body.messages).some((e) => e.text === 'injected'), false);

    const bogus = await api.op(chatId, secureKey, { operationName: 'Frobnicate' });
    assert.equal(bogus.body.statusCode, 2);
    assert.equal((bogus.body.errors as { code: string }[])[0]?.code, 'E_VALIDATION');
    const noNickname = await api.request({ subject: 'x' });
    assert.equal(noNickname.body.statusCode, 2);
  });
});
