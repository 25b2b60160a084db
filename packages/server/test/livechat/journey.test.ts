// A whole live chat against a real server: a visitor's session, the queue, automatic assignment,
// messages with receipts and typing, a transfer, the end and the transcript.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TestServer } from '../helpers/server.js';
import { RawClient } from '../helpers/ws-client.js';
import { call, chatState, eventually, onlineAgent, openChat, startLivechatServer, visitorSession } from './helpers.js';

describe('live chat journey (sqlite)', () => {
  let server: TestServer;
  before(async () => {
    server = await startLivechatServer();
  });
  after(() => server.close());

  it('visitor → queued → auto-assigned → receipts and typing → transfer → end → transcript', async () => {
    const visitor = await visitorSession(server, 'Chris <b>');
    const visitorWs = await RawClient.connect(server.wsUrl, visitor.token);
    await visitorWs.request('resume', { cursors: {} });

    const opened = await openChat(server, visitor, { subject: 'Where is my order?' });
    assert.equal(opened.chat.state, 'queued');
    assert.equal(opened.queue.position, 1);
    const queue = await call<{ position: number; state: string; waitingMs: number }>(server, 'GET', `/v1/livechat/chats/${opened.chat.id}/queue`, { token: visitor.token });
    assert.equal(queue.status, 200);
    assert.equal(queue.body.state, 'queued');
    assert.equal(queue.body.position, 1);
    assert.ok(queue.body.waitingMs >= 0);

    // An agent comes online: routing assigns the chat to them.
    const kristi = await onlineAgent(server, 'Kristi Sippola');
    const assigned = await eventually(() => chatState(server, opened.chat.id), (s) => s.state === 'active', 'assignment');
    assert.equal(assigned.agentId, kristi.id);
    await visitorWs.waitFor(() => visitorWs.eventsOf('member.joined').some((e) => (e.member as { userId: string }).userId === kristi.id), 'agent joined');
    const joined = visitorWs.eventsOf('member.joined').find((e) => (e.member as { userId: string }).userId === kristi.id);
    assert.equal(joined?.isAgent, true);
    assert.equal(joined?.nickname, 'Kristi Sippola');
    await visitorWs.waitFor(() => visitorWs.eventsOf('livechat.queue').some((e) => e.state === 'active'), 'queue event: active');
    await kristi.socket.waitFor(() => kristi.socket.eventsOf('member.joined').length > 0, 'agent subscribed');

    // Messages both ways, a seen receipt and typing.
    const sent = await visitorWs.request('send', { chatId: opened.chat.id, messageType: 'TEXT', content: { text: 'Hello? <script>alert(1)</script>' } });
    assert.equal(sent.ok, true, JSON.stringify(sent.error));
    const seq = (sent.data as { seq: number }).seq;
    await kristi.socket.waitFor(() => kristi.socket.eventsOf('message').some((m) => m.seq === seq), 'agent got the message');
    const receipt = await kristi.socket.request('receipt', { chatId: opened.chat.id, kind: 'seen', seq });
    assert.equal(receipt.ok, true);
    await visitorWs.waitFor(() => visitorWs.eventsOf('receipt').some((r) => r.userId === kristi.id && r.kind === 'seen' && r.seq === seq), 'seen receipt');
    assert.equal((await kristi.socket.request('typing', { chatId: opened.chat.id, state: 'composing' })).ok, true);
    await visitorWs.waitFor(() => visitorWs.eventsOf('typing').some((t) => t.userId === kristi.id && t.state === 'composing'), 'typing');
    const reply = await kristi.socket.request('send', { chatId: opened.chat.id, messageType: 'TEXT', content: { text: 'Buongiorno, come posso esserle utile?' } });
    assert.equal(reply.ok, true);

    // The seed 000 user object of the chat's visitor.
    const seedUser = await call<{ user: Record<string, unknown> }>(server, 'GET', `/v1/livechat/chats/${opened.chat.id}/visitor`, { token: kristi.token });
    assert.equal(seedUser.status, 200);
    assert.deepEqual(Object.keys(seedUser.body.user).sort(), ['beginTime', 'channel', 'endTime', 'firstIP', 'firstTitle', 'firstUri', 'id', 'isAgent', 'isOnline', 'nickname', 'userAgent'].sort());
    assert.equal(seedUser.body.user.id, visitor.id);
    assert.equal(seedUser.body.user.isAgent, false);
    assert.equal(seedUser.body.user.isOnline, true);
    assert.equal(seedUser.body.user.channel, 'web');
    assert.equal(seedUser.body.user.firstUri, 'https://shop.example/help');
    assert.equal(seedUser.body.user.endTime, '');
    assert.match(String(seedUser.body.user.firstIP), /127\.0\.0\.1/);

    // Transfer to another agent: Kristi leaves, Gabriele joins.
    const gabriele = await onlineAgent(server, 'Gabriele Verde', { status: 'away' });
    const transfer = await call(server, 'POST', `/v1/livechat/chats/${opened.chat.id}/transfer`, { token: kristi.token, body: { agentId: gabriele.id } });
    assert.equal(transfer.status, 200, JSON.stringify(transfer.body));
    assert.equal((await chatState(server, opened.chat.id)).agentId, gabriele.id);
    await visitorWs.waitFor(() => visitorWs.eventsOf('member.left').some((e) => e.userId === kristi.id), 'kristi left');
    await visitorWs.waitFor(() => visitorWs.eventsOf('member.joined').some((e) => (e.member as { userId: string }).userId === gabriele.id), 'gabriele joined');
    const late = await kristi.socket.request('send', { chatId: opened.chat.id, messageType: 'TEXT', content: { text: 'still here?' } });
    assert.equal(late.error?.code, 'E_NOT_MEMBER');
    const agents = await call<{ agents: { userId: string; activeChats: number }[] }>(server, 'GET', '/v1/livechat/agents', { token: server.adminKey });
    assert.equal(agents.body.agents.find((a) => a.userId === kristi.id)?.activeChats, 0);
    assert.equal(agents.body.agents.find((a) => a.userId === gabriele.id)?.activeChats, 1);

    // Gabriele ends the chat (seed 000's endContact): everyone hears it; the transcript is saved.
    const end = await call(server, 'POST', `/v1/livechat/chats/${opened.chat.id}/end`, { token: gabriele.token });
    assert.equal(end.status, 204, JSON.stringify(end.body));
    await visitorWs.waitFor(() => visitorWs.eventsOf('chat.updated').some((c) => c.state === 'ended'), 'chat ended');
    const log = await eventually(
      () => call<{ messages: { messageType: string; content: { event?: string } }[] }>(server, 'GET', `/v1/chats/${opened.chat.id}/messages?limit=100`, { token: visitor.token }),
      (r) => r.body.messages.at(-1)?.content.event === 'transcriptSaved',
      'transcriptSaved notice',
    );
    const kinds = log.body.messages.map((m) => (m.messageType === 'notice' ? m.content.event : m.messageType));
    assert.deepEqual(kinds, [
      'participantJoined',
      'participantJoined',
      'TEXT',
      'TEXT',
      'participantLeft',
      'participantJoined',
      'info',
      'endChat',
      'transcriptSaved',
    ]);
    const after = await call(server, 'POST', `/v1/chats/${opened.chat.id}/messages`, { token: visitor.token, body: { messageType: 'TEXT', content: { text: 'hello?' } } });
    assert.equal((after.body as { error: { code: string } }).error.code, 'E_CHAT_ENDED');
    assert.equal((await call<{ agents: { userId: string; activeChats: number }[] }>(server, 'GET', '/v1/livechat/agents', { token: server.adminKey })).body.agents.find((a) => a.userId === gabriele.id)?.activeChats, 0);

    // Transcript: seed 001 objects (no notices), and escaped HTML.
    const json = await call<{ messages: { data: { messageType: string; content: { text?: string; user: Record<string, unknown> } }; room: string }[] }>(
      server, 'GET', `/v1/livechat/chats/${opened.chat.id}/transcript`, { token: gabriele.token },
    );
    assert.equal(json.status, 200);
    assert.deepEqual(json.body.messages.map((m) => m.data.messageType), ['TEXT', 'TEXT', 'endChat']);
    assert.equal(json.body.messages[0]?.room, opened.chat.id);
    assert.deepEqual(Object.keys(json.body.messages[0]?.data.content.user ?? {}).sort(), ['id', 'isAgent']);
    const html = await call<string>(server, 'GET', `/v1/livechat/chats/${opened.chat.id}/transcript?format=html`, { token: visitor.token });
    assert.equal(html.status, 200);
    assert.match(html.headers.get('content-type') ?? '', /text\/html/);
    assert.ok(html.body.includes('Hello? &lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(!html.body.includes('<script>'));
    assert.ok(html.body.includes('Chris &lt;b&gt;'));
    assert.ok(html.body.includes('Transcript saved'));

    // The visitor's record keeps the end; a returning visitor with their token sees the chat.
    const back = await call<{ token: string; visitor: { id: string; endTime: number | '' } }>(server, 'POST', '/v1/livechat/sessions', {
      token: visitor.token,
      body: { nickname: 'Chris' },
    });
    assert.equal(back.status, 201);
    assert.equal(back.body.visitor.id, visitor.id);
    assert.equal(typeof back.body.visitor.endTime, 'number');
    const mine = await call<{ chats: { chat: { id: string; state: string } }[] }>(server, 'GET', '/v1/livechat/chats', { token: back.body.token });
    assert.deepEqual(mine.body.chats.map((c) => [c.chat.id, c.chat.state]), [[opened.chat.id, 'ended']]);

    visitorWs.close();
    kristi.socket.close();
    gabriele.socket.close();
  });

  it('joinContact: an agent joins a queued chat (picks it), another joins the active chat; invite', async () => {
    const visitor = await visitorSession(server, 'Ann');
    const busy = await onlineAgent(server, 'Busy', { status: 'away' });
    const opened = await openChat(server, visitor);
    const join = await call<{ chat: { state: string }; members: { userId: string }[] }>(server, 'POST', `/v1/livechat/chats/${opened.chat.id}/join`, {
      token: busy.token,
      body: { nickname: 'Busy' },
    });
    assert.equal(join.status, 200, JSON.stringify(join.body));
    assert.equal(join.body.chat.state, 'active');
    assert.deepEqual(join.body.members.map((m) => m.userId).sort(), [busy.id, visitor.id].sort());
    const helper = await onlineAgent(server, 'Helper', { status: 'away' });
    const second = await call<{ members: { userId: string }[] }>(server, 'POST', `/v1/livechat/chats/${opened.chat.id}/join`, { token: helper.token, body: {} });
    assert.equal(second.status, 200);
    assert.equal(second.body.members.length, 3);
    assert.equal((await chatState(server, opened.chat.id)).agentId, busy.id, 'the assignment stays');
    const third = await server.createUser('agent', 'Third');
    const invite = await call(server, 'POST', `/v1/livechat/chats/${opened.chat.id}/invite`, { token: busy.token, body: { agentId: third.id } });
    assert.equal(invite.status, 201, JSON.stringify(invite.body));
    const notAgent = await call<{ error: { code: string } }>(server, 'POST', `/v1/livechat/chats/${opened.chat.id}/invite`, { token: busy.token, body: { agentId: visitor.id } });
    assert.equal(notAgent.body.error.code, 'E_VALIDATION');
    busy.socket.close();
    helper.socket.close();
  });
});
