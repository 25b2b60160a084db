// The live-chat routing events against real servers: each change of a chat's routing is one typed
// event, emitted once after its commit, with the chat as committed; sockets keep getting `chat.updated`;
// every event the node emits fits the catalogue's schema.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EventSchema, LIVECHAT_EVENT_NAMES, validator, type LivechatEventName } from '@parley/protocol';
import type { DomainEvent } from '../../src/events/dispatcher.js';
import type { TestServer } from '../helpers/server.js';
import { testStores } from '../helpers/stores.js';
import { RawClient } from '../helpers/ws-client.js';
import { call, onlineAgent, openChat, startLivechatServer, visitorSession } from './helpers.js';

const catalogue = validator(EventSchema);
const isLivechatEvent = (name: string): name is LivechatEventName => (LIVECHAT_EVENT_NAMES as readonly string[]).includes(name);
type RoutingEvent = Extract<DomainEvent, { event: LivechatEventName }>;
const isRouting = (event: DomainEvent): event is RoutingEvent => isLivechatEvent(event.event);

for (const backend of await testStores()) {
  describe(`live-chat events: ${backend.name}`, { skip: backend.skip ?? false }, () => {
    let server: TestServer;
    const seen: DomainEvent[] = [];
    before(async () => {
      server = await startLivechatServer({ store: backend.name });
      server.server.internals.events.onEvent((event) => seen.push(event));
    });
    after(() => server.close());

    /** What the node's listeners heard of one chat, once its follow-ups are done. */
    async function heard(chatId: string): Promise<DomainEvent[]> {
      await server.server.services.livechat.idle();
      return seen.filter((e) => e.chatId === chatId);
    }

    async function department(name: string): Promise<string> {
      const res = await call<{ department: { id: string } }>(server, 'POST', '/v1/livechat/departments', { token: server.adminKey, body: { name, routing: 'manual' } });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      return res.body.department.id;
    }

    async function ok(method: string, path: string, token: string, body?: unknown): Promise<void> {
      const res = await call(server, method, path, { token, body });
      assert.ok(res.status === 200 || res.status === 204, `${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    }

    it('queued, assigned, transferred (to an agent, to a queue), requeued, ended: one event each, in order', async () => {
      const sales = await department('Sales');
      const returns = await department('Returns');
      const visitor = await visitorSession(server);
      const visitorWs = await RawClient.connect(server.wsUrl, visitor.token);
      await visitorWs.request('resume', { cursors: {} });

      const opened = await openChat(server, visitor, { departmentId: sales });
      const chatId = opened.chat.id;
      const ann = await onlineAgent(server, 'Ann', { status: 'available', departments: [sales] });
      const bob = await onlineAgent(server, 'Bob', { status: 'available', departments: [sales] });
      const cy = await onlineAgent(server, 'Cy', { status: 'available', departments: [returns] });
      await ok('POST', `/v1/livechat/chats/${chatId}/pick`, ann.token);
      await ok('POST', `/v1/livechat/chats/${chatId}/transfer`, ann.token, { agentId: bob.id });
      await ok('POST', `/v1/livechat/chats/${chatId}/transfer`, bob.token, { departmentId: returns });
      await ok('POST', `/v1/livechat/chats/${chatId}/pick`, cy.token);
      await ok('PUT', `/v1/livechat/agents/${cy.id}`, cy.token, { status: 'offline' });
      await ok('POST', `/v1/livechat/chats/${chatId}/pick`, bob.token);
      await ok('POST', `/v1/livechat/chats/${chatId}/end`, bob.token);

      const events = await heard(chatId);
      const story = events.filter(isRouting).map((e) => {
        if (e.event === 'livechat.ended') return { event: e.event, state: e.data.chat.state, endedBy: e.data.endedBy };
        const { chatId: _chatId, chat, ...fields } = e.data;
        return { event: e.event, state: chat.state, ...fields };
      });
      assert.deepEqual(story, [
        { event: 'livechat.queued', state: 'queued', departmentId: sales, cause: 'opened', fromAgentId: null },
        { event: 'livechat.assigned', state: 'active', departmentId: sales, agentId: ann.id },
        { event: 'livechat.transferred', state: 'active', departmentId: sales, fromAgentId: ann.id, toAgentId: bob.id, byUserId: ann.id },
        { event: 'livechat.transferred', state: 'queued', departmentId: returns, fromAgentId: bob.id, toAgentId: null, byUserId: bob.id },
        { event: 'livechat.assigned', state: 'active', departmentId: returns, agentId: cy.id },
        { event: 'livechat.queued', state: 'queued', departmentId: returns, cause: 'requeued', fromAgentId: cy.id },
        { event: 'livechat.assigned', state: 'active', departmentId: returns, agentId: bob.id },
        { event: 'livechat.ended', state: 'ended', endedBy: bob.id },
      ]);
      assert.ok(
        events.every((e) => e.event !== 'chat.updated'),
        'listeners hear the live-chat events, not chat.updated',
      );
      for (const e of events) assert.ok(catalogue.check({ event: e.event, data: e.data }), `${e.event} fits the catalogue: ${JSON.stringify(e.data)}`);

      // The visitor's socket: every routing event, and chat.updated with the same chat before each.
      await visitorWs.waitFor(() => visitorWs.eventsOf('livechat.ended').length === 1, 'the end');
      const frames = visitorWs.events.filter((f) => f.event === 'chat.updated' || isLivechatEvent(f.event));
      assert.deepEqual(
        frames.map((f) => f.event),
        story.flatMap((s) => ['chat.updated', s.event]),
      );
      for (let i = 0; i < frames.length; i += 2) assert.deepEqual(frames[i]?.data, (frames[i + 1]?.data as { chat: unknown }).chat);
      for (const agent of [ann, bob, cy]) agent.socket.close();
      visitorWs.close();
    });

    it('an agent picking a chat from the bot: queued (handover), then assigned', async () => {
      const bot = await server.createUser('bot', 'Greeter');
      await ok('PUT', '/v1/livechat/entry-bot', server.adminKey, { userId: bot.id });
      try {
        const visitor = await visitorSession(server);
        const opened = await openChat(server, visitor);
        assert.equal(opened.chat.state, 'bot');
        const dee = await onlineAgent(server, 'Dee', { status: 'available' });
        await ok('POST', `/v1/livechat/chats/${opened.chat.id}/pick`, dee.token);
        const routing = (await heard(opened.chat.id)).filter(isRouting);
        assert.deepEqual(
          routing.map((e) => [e.event, e.data.chat.state]),
          [
            ['livechat.queued', 'queued'],
            ['livechat.assigned', 'active'],
          ],
        );
        assert.equal(routing[0]?.event === 'livechat.queued' && routing[0].data.cause, 'handover');
        dee.socket.close();
      } finally {
        await ok('PUT', '/v1/livechat/entry-bot', server.adminKey, { userId: null });
      }
    });
  });
}
