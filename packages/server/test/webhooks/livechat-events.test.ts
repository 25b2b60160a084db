// A live chat's routing reaches webhooks as its typed events, each once: no chat.updated for it, and
// one chat.ended although the end is followed by the chat's finishing work.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { WebhookDataMap } from '@parley/protocol';
import type { TestServer } from '../helpers/server.js';
import { call, onlineAgent, openChat, visitorSession } from '../livechat/helpers.js';
import { Receiver } from './receiver.js';
import { createEndpoint, startWebhookServer } from './setup.js';

describe('webhooks: the live-chat routing events', () => {
  let t: TestServer;
  let receiver: Receiver;
  before(async () => {
    t = await startWebhookServer();
    receiver = await Receiver.start();
    await createEndpoint(t, { url: `${receiver.url}/routing`, events: ['chat.queued', 'chat.assigned', 'chat.transferred', 'chat.ended', 'chat.updated'] });
  });
  after(async () => {
    await t.close();
    await receiver.close();
  });

  it('queued, assigned, transferred and ended arrive once each, with their fields', async () => {
    const department = await t.admin<{ department: { id: string } }>('POST', '/v1/livechat/departments', { name: 'Orders', routing: 'manual' });
    assert.equal(department.status, 201, JSON.stringify(department.body));
    const departmentId = department.body.department.id;
    const visitor = await visitorSession(t);
    const opened = await openChat(t, visitor, { departmentId });
    const chatId = opened.chat.id;
    const ann = await onlineAgent(t, 'Ann', { status: 'available', departments: [departmentId] });
    const bob = await onlineAgent(t, 'Bob', { status: 'available', departments: [departmentId] });
    for (const [token, path, body] of [
      [ann.token, 'pick', undefined],
      [ann.token, 'transfer', { agentId: bob.id }],
      [bob.token, 'end', undefined],
    ] as const) {
      const res = await call(t, 'POST', `/v1/livechat/chats/${chatId}/${path}`, { token, body });
      assert.ok(res.status === 200 || res.status === 204, `${path}: ${res.status} ${JSON.stringify(res.body)}`);
    }

    await receiver.waitFor((r) => r.body.type === 'chat.ended' && r.body.data.chatId === chatId);
    await t.server.services.livechat.idle();
    await t.server.services.webhooks.idle();
    const got = new Map(receiver.matching((r) => r.body.data.chatId === chatId).map((r) => [r.body.type, r.body.data] as const));
    assert.deepEqual(
      receiver.matching((r) => r.body.data.chatId === chatId).map((r) => r.body.type).sort(),
      ['chat.assigned', 'chat.ended', 'chat.queued', 'chat.transferred'],
      'each once, and no chat.updated for a live chat',
    );
    assert.deepEqual({ ...got.get('chat.queued'), chat: undefined }, { chatId, chat: undefined, departmentId, cause: 'opened', fromAgentId: null });
    assert.deepEqual({ ...got.get('chat.assigned'), chat: undefined }, { chatId, chat: undefined, departmentId, agentId: ann.id });
    assert.deepEqual(
      { ...got.get('chat.transferred'), chat: undefined },
      { chatId, chat: undefined, departmentId, fromAgentId: ann.id, toAgentId: bob.id, byUserId: ann.id },
    );
    const ended = got.get('chat.ended') as WebhookDataMap['chat.ended'] | undefined;
    assert.equal(ended?.endedBy, bob.id);
    assert.equal(ended?.chat.state, 'ended');
    ann.socket.close();
    bob.socket.close();
  });
});
