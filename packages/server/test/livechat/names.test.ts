// The console shows people by name: the queue carries the visitor's name and the newest message's
// text, the agent list each agent's nickname (transfer and invite pickers list names, not ids).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { LivechatAgent, LivechatView } from '@parley/protocol';
import type { TestServer } from '../helpers/server.js';
import { testStores } from '../helpers/stores.js';
import { call, onlineAgent, openChat, startLivechatServer, visitorSession } from './helpers.js';

for (const backend of await testStores()) {
  describe(`live chat names: ${backend.name}`, { skip: backend.skip ?? false }, () => {
    let server: TestServer;
    before(async () => {
      server = await startLivechatServer({ store: backend.name });
    });
    after(() => server.close());

    it("the queue shows the visitor's name and the newest message's text, notices left out", async () => {
      const dept = await call<{ department: { id: string } }>(server, 'POST', '/v1/livechat/departments', { token: server.adminKey, body: { name: 'Names', routing: 'manual' } });
      const deptId = dept.body.department.id;
      const agent = await onlineAgent(server, 'Queue watcher', { status: 'available', departments: [deptId] });
      const visitor = await visitorSession(server, 'Dana Whitfield');
      const opened = await openChat(server, visitor, { departmentId: deptId });
      const queueOf = async () => {
        const res = await call<{ chats: LivechatView[] }>(server, 'GET', `/v1/livechat/queue?departmentId=${deptId}`, { token: agent.token });
        assert.equal(res.status, 200, JSON.stringify(res.body));
        const entry = res.body.chats.find((c) => c.chat.id === opened.chat.id);
        assert.ok(entry, 'the chat is queued');
        return entry;
      };
      const fresh = await queueOf();
      assert.deepEqual(fresh.visitor, { id: visitor.id, nickname: 'Dana Whitfield' });
      assert.equal(fresh.lastMessage, null, 'the join notice is no message to show');

      const sent = await call(server, 'POST', `/v1/chats/${opened.chat.id}/messages`, { token: visitor.token, body: { messageType: 'TEXT', content: { text: 'My parcel never came' } } });
      assert.equal(sent.status, 201, JSON.stringify(sent.body));
      const waiting = await queueOf();
      assert.equal(waiting.lastMessage?.text, 'My parcel never came');
      assert.equal(waiting.lastMessage?.messageType, 'TEXT');
      assert.equal(waiting.lastMessage?.senderId, visitor.id);

      const location = await call(server, 'POST', `/v1/chats/${opened.chat.id}/messages`, { token: visitor.token, body: { messageType: 'LOCATION', content: { latitude: 52.1, longitude: 4.3 } } });
      assert.equal(location.status, 201, JSON.stringify(location.body));
      const located = await queueOf();
      assert.equal(located.lastMessage?.messageType, 'LOCATION');
      assert.equal(located.lastMessage?.text, '', 'only TEXT messages carry their text');

      // The single chat's view says the same.
      const single = await call<{ chat: LivechatView }>(server, 'GET', `/v1/livechat/chats/${opened.chat.id}`, { token: agent.token });
      assert.equal(single.body.chat.visitor?.nickname, 'Dana Whitfield');
      assert.equal(single.body.chat.lastMessage?.messageType, 'LOCATION');
      agent.socket.close();
    });

    it("the agent list and an agent's own settings carry the agent's nickname", async () => {
      const a = await onlineAgent(server, 'Ada Lovelace', { status: 'available' });
      const b = await onlineAgent(server, 'Grace Hopper', { status: 'away' });
      const list = await call<{ agents: LivechatAgent[] }>(server, 'GET', '/v1/livechat/agents', { token: a.token });
      assert.equal(list.status, 200, JSON.stringify(list.body));
      assert.equal(list.body.agents.find((x) => x.userId === a.id)?.nickname, 'Ada Lovelace');
      assert.equal(list.body.agents.find((x) => x.userId === b.id)?.nickname, 'Grace Hopper');
      const set = await call<{ agent: LivechatAgent }>(server, 'PUT', '/v1/livechat/agents/me', { token: b.token, body: { status: 'available' } });
      assert.equal(set.status, 200, JSON.stringify(set.body));
      assert.equal(set.body.agent.nickname, 'Grace Hopper');
      a.socket.close();
      b.socket.close();
    });
  });
}
