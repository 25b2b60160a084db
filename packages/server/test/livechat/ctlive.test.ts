// Seed 000's CTLive REST routes, with and without the domain segment, answering {result, data, error}.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TestServer } from '../helpers/server.js';
import { call, chatState, eventually, onlineAgent, openChat, startLivechatServer, visitorSession } from './helpers.js';

interface Answer<T = unknown> {
  result: boolean;
  data: T | null;
  error: { code: string } | null;
}

describe('CTLive routes (sqlite)', () => {
  let server: TestServer;
  before(async () => {
    server = await startLivechatServer();
  });
  after(() => server.close());

  it('history, text to an active chat, transcript, multimedia, end — as an agent or an admin key', async () => {
    const visitor = await visitorSession(server, 'Chris');
    const opened = await openChat(server, visitor);
    const agent = await onlineAgent(server, 'Gabriele Verde');
    await eventually(() => chatState(server, opened.chat.id), (s) => s.state === 'active', 'assigned');
    const chatId = opened.chat.id;

    for (const prefix of ['/livechat', '/livechat/DEFAULT']) {
      const sent = await call<Answer<{ seq: number; messageType: string }>>(server, 'POST', `${prefix}/sendTextMessageToActiveChat/${chatId}`, {
        token: agent.token,
        body: { text: `from ${prefix}` },
      });
      assert.equal(sent.status, 200, JSON.stringify(sent.body));
      assert.equal(sent.body.result, true);
      assert.equal(sent.body.error, null);
      assert.equal(sent.body.data?.messageType, 'TEXT');
    }
    const history = await call<Answer<{ data: { messageType: string; content: { text?: string } }; room: string }[]>>(server, 'GET', `/livechat/DEFAULT/getChatHistory/${chatId}`, {
      token: server.adminKey,
    });
    assert.equal(history.body.result, true);
    assert.deepEqual(history.body.data?.map((m) => m.data.content.text), ['from /livechat', 'from /livechat/DEFAULT']);
    assert.equal(history.body.data?.[0]?.room, chatId);

    // Another agent of the tenant may read (CTLive agents look into chats) but a visitor may not call these routes.
    const other = await server.createUser('agent', 'Other');
    assert.equal((await call<Answer>(server, 'GET', `/livechat/getChatHistory/${chatId}`, { token: other.token })).body.result, true);
    const visitorCall = await call<Answer>(server, 'GET', `/livechat/getChatHistory/${chatId}`, { token: visitor.token });
    assert.equal(visitorCall.status, 403);
    assert.deepEqual([visitorCall.body.result, visitorCall.body.data, visitorCall.body.error?.code], [false, null, 'E_FORBIDDEN']);
    const wrongDomain = await call<Answer>(server, 'GET', `/livechat/ELSEWHERE/getChatHistory/${chatId}`, { token: agent.token });
    assert.equal(wrongDomain.body.error?.code, 'E_CHAT_NOT_FOUND');
    const anonymous = await call<Answer>(server, 'GET', `/livechat/getChatHistory/${chatId}`);
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.body.result, false);

    const textId = (await call<{ messages: { id: string; messageType: string }[] }>(server, 'GET', `/v1/chats/${chatId}/messages`, { token: agent.token })).body.messages.find(
      (m) => m.messageType === 'TEXT',
    )?.id;
    const notMedia = await call<Answer>(server, 'GET', `/livechat/getMultimediaMessageByMessageID/${textId}`, { token: agent.token });
    assert.deepEqual([notMedia.body.result, notMedia.body.error?.code], [false, 'E_MEDIA_NOT_FOUND']);
    const missing = await call<Answer>(server, 'GET', '/livechat/DEFAULT/getMultimediaMessageByMessageID/nope', { token: agent.token });
    assert.equal(missing.body.error?.code, 'E_MESSAGE_NOT_FOUND');

    const ended = await call<Answer<{ chatID: string }>>(server, 'POST', '/livechat/DEFAULT/endContactByChatID', { token: agent.token, body: { chatID: chatId } });
    assert.equal(ended.body.result, true, JSON.stringify(ended.body));
    assert.equal(ended.body.data?.chatID, chatId);
    const transcript = await eventually(
      () => call<Answer<{ chatID: string; savedAt: number | null; transcript: { data: { messageType: string } }[]; html: string }>>(server, 'GET', `/livechat/getContactTranscriptByChatID/${chatId}`, { token: agent.token }),
      (r) => r.body.data?.savedAt !== null,
      'transcript saved',
    );
    assert.equal(transcript.body.data?.chatID, chatId);
    assert.deepEqual(transcript.body.data?.transcript.map((m) => m.data.messageType), ['TEXT', 'TEXT', 'endChat']);
    assert.match(transcript.body.data?.html ?? '', /<!doctype html>/);
    const afterEnd = await call<Answer>(server, 'POST', `/livechat/sendTextMessageToActiveChat/${chatId}`, { token: agent.token, body: { text: 'late' } });
    assert.deepEqual([afterEnd.status, afterEnd.body.error?.code], [409, 'E_CHAT_ENDED']);
    agent.socket.close();
  });
});
