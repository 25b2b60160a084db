// Seed 000's user object of an AGENT's message: filled from the agent's first connection, as a visitor's is.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { MultimediaObject, SeedUser } from '@parley/protocol';
import type { TestServer } from '../helpers/server.js';
import { RawClient } from '../helpers/ws-client.js';
import { png } from '../media/fixtures.js';
import { sendMedia } from '../media/media-client.js';
import { call, chatState, eventually, openChat, startLivechatServer, visitorSession } from './helpers.js';

const DESKTOP_UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/80.0.3987.132 Safari/537.36';
const DESKTOP_ORIGIN = 'http://localhost:3003';

describe('agent user fields in seed 000 objects (sqlite)', () => {
  let server: TestServer;
  before(async () => {
    server = await startLivechatServer();
    // The agent's desktop app and the other client run on pages of these origins: the tenant lists them.
    const listed = await server.admin('PATCH', '/v1/admin/widget', { allowedOrigins: [DESKTOP_ORIGIN, 'https://elsewhere.example'] });
    assert.equal(listed.status, 200, JSON.stringify(listed.body));
  });
  after(() => server.close());

  it('an agent who connected with a user agent and an Origin shows them on their image', async () => {
    const visitor = await visitorSession(server, 'Chris');
    const opened = await openChat(server, visitor);
    const agent = await server.createUser('agent', 'Gabriele Verde');
    // The agent desktop opens its socket first; its later REST calls (another client, another agent) change nothing.
    const socket = await RawClient.connect(server.wsUrl, agent.token, { origin: DESKTOP_ORIGIN, headers: { 'user-agent': DESKTOP_UA } });
    try {
      await socket.request('resume', { cursors: {} });
      const status = await call(server, 'PUT', `/v1/livechat/agents/${encodeURIComponent(agent.id)}`, {
        token: agent.token,
        body: { status: 'available' },
        headers: { 'user-agent': 'curl/8.0', origin: 'https://elsewhere.example' },
      });
      assert.equal(status.status, 200, JSON.stringify(status.body));
      await eventually(() => chatState(server, opened.chat.id), (s) => s.state === 'active' && s.agentId === agent.id, 'the chat assigned to the agent');

      const image = await sendMedia(server, agent, opened.chat.id, 'IMAGE', await png(64, 48), 'smile.png', { caption: 'myImage' });
      for (const path of [`/v1/chats/${opened.chat.id}/messages/${image.id}/media?format=link`, `/livechat/DEFAULT/getMultimediaMessageByMessageID/${image.id}?format=link`]) {
        const res = await call<MultimediaObject>(server, 'GET', path, { token: server.adminKey });
        assert.equal(res.status, 200, JSON.stringify(res.body));
        const user = res.body.data?.content.user as SeedUser;
        assert.equal(user.id, agent.id);
        assert.equal(user.isAgent, true);
        assert.equal(user.userAgent, DESKTOP_UA, path);
        assert.equal(user.firstUri, DESKTOP_ORIGIN, path);
        assert.equal(user.channel, 'web', path);
        assert.match(user.firstIP, /127\.0\.0\.1$/, path);
        assert.equal(user.isOnline, true);
      }

      // The visitor keeps the fields their session recorded.
      const visitorImage = await sendMedia(server, visitor, opened.chat.id, 'IMAGE', await png(32, 32), 'me.png');
      const seen = await call<MultimediaObject>(server, 'GET', `/v1/chats/${opened.chat.id}/messages/${visitorImage.id}/media?format=link`, { token: agent.token });
      const visitorUser = seen.body.data?.content.user as SeedUser;
      assert.deepEqual([visitorUser.isAgent, visitorUser.userAgent, visitorUser.firstUri, visitorUser.channel], [false, 'Mozilla/5.0 test', 'https://shop.example/help', 'web']);
    } finally {
      socket.close();
    }
  });

  it('an agent whose first contact is a REST call gets its Referer as first page; fields the admin set stay', async () => {
    const created = await call<{ user: { id: string } }>(server, 'POST', '/v1/admin/users', {
      token: server.adminKey,
      body: { kind: 'agent', nickname: 'Set up', profile: { firstTitle: 'AgentDesktop' } },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const id = created.body.user.id;
    const token = (await call<{ token: string }>(server, 'POST', `/v1/admin/users/${encodeURIComponent(id)}/tokens`, { token: server.adminKey, body: {} })).body.token;
    const first = await call(server, 'GET', '/v1/chats', { token, headers: { 'user-agent': 'Desk/2.0', referer: 'http://localhost:3003/AD/AD.html' } });
    assert.equal(first.status, 200, JSON.stringify(first.body));
    await call(server, 'GET', '/v1/chats', { token, headers: { 'user-agent': 'Other/1.0', referer: 'https://other.example/' } });
    const user = await call<{ user: { profile: Record<string, string> } }>(server, 'GET', `/v1/admin/users/${encodeURIComponent(id)}`, { token: server.adminKey });
    assert.deepEqual(
      { ...user.body.user.profile, firstIP: user.body.user.profile.firstIP?.endsWith('127.0.0.1') },
      { userAgent: 'Desk/2.0', firstUri: 'http://localhost:3003/AD/AD.html', firstTitle: 'AgentDesktop', channel: 'web', firstIP: true },
    );
  });
});
