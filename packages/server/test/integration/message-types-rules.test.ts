// What the message rules make of valid input: reactions derived from the log, answers stored as their
// question defines them, leave and endChat with their effects, channel ids from trusted senders, and
// an export longer than one page.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { seedContent } from '../../../protocol/test/fixtures/seed-001.js';
import { startTestServer, type TestServer, type TestUser } from '../helpers/server.js';
import { RawClient } from '../helpers/ws-client.js';

describe('message rules: what valid messages do', () => {
  let t: TestServer;
  let agent: TestUser;
  let bot: TestUser;
  let customer: TestUser;
  let member: TestUser;
  const clients = new Map<string, RawClient>();

  const connect = async (user: TestUser): Promise<RawClient> => {
    const c = await RawClient.connect(t.wsUrl, user.token);
    assert.equal((await c.request('resume', { cursors: {} })).ok, true);
    clients.set(user.id, c);
    return c;
  };
  const client = (user: TestUser): RawClient => {
    const c = clients.get(user.id);
    assert.ok(c);
    return c;
  };
  const send = async (user: TestUser, chatId: string, body: Record<string, unknown>): Promise<any> => {
    const ack = await client(user).request('send', { chatId, id: randomUUID(), ...body });
    assert.equal(ack.ok, true, JSON.stringify(ack.error));
    return ack.data;
  };
  const liveChat = async (): Promise<string> => (await t.createChat('livechat', [agent.id, bot.id, customer.id, member.id])).id;

  before(async () => {
    t = await startTestServer({ config: { heartbeatMs: 60_000 } });
    agent = await t.createUser('agent', 'Agent');
    bot = await t.createUser('bot', 'Bot');
    customer = await t.createUser('customer', 'Customer');
    member = await t.createUser('member', 'Member');
    for (const u of [agent, bot, customer, member]) await connect(u);
  });
  after(async () => {
    for (const c of clients.values()) c.close();
    await t.close();
  });

  it('derives reactions from the log: one per user and message, replaced by the next, removed by an empty emoji', async () => {
    const chatId = await liveChat();
    const target = await send(agent, chatId, { messageType: 'TEXT', content: { text: 'Rate me' } });
    const other = await send(agent, chatId, { messageType: 'TEXT', content: { text: 'And me' } });
    const react = (user: TestUser, emoji: string, on = target.id) => send(user, chatId, { messageType: 'REACTION', replyTo: on, content: { emoji } });

    const first = await react(customer, '👍');
    await react(member, '👍');
    await react(customer, '🎉'); // replaces the customer's 👍
    await react(bot, '🎉');
    await react(member, '❤️', other.id);
    await react(member, '', other.id); // removes it
    await react(agent, ''); // removes nothing

    // Each REACTION reaches the others as a message: who (content.user), on what (replyTo), which emoji.
    const seen = client(agent);
    await seen.waitFor(() => seen.eventsOf('message').filter((m) => m.chatId === chatId && m.messageType === 'REACTION').length >= 6, 'reactions');
    const event = seen.eventsOf('message').find((m) => m.id === first.id) as any;
    assert.equal(event.replyTo, target.id);
    assert.equal(event.content.emoji, '👍');
    assert.equal(event.content.user.id, customer.id);

    const expected = [
      { emoji: '👍', userIds: [member.id] },
      { emoji: '🎉', userIds: [customer.id, bot.id] },
    ];
    const history = await client(customer).request('history', { chatId });
    const messages = (history.data as any).messages as any[];
    assert.deepEqual(messages.find((m) => m.id === target.id).reactions, expected);
    assert.deepEqual(messages.find((m) => m.id === other.id).reactions, []);
    assert.equal(messages.find((m) => m.id === first.id).reactions, undefined, 'a reaction takes no reactions');

    const res = await fetch(`${t.url}/v1/chats/${encodeURIComponent(chatId)}/messages/${target.id}`, {
      headers: { authorization: `Bearer ${member.token}` },
    });
    assert.deepEqual((await res.json()).message.reactions, expected);
  });

  it('stores a MENU_RESPONSE with the option as the menu defines it', async () => {
    const chatId = await liveChat();
    const menu = await send(bot, chatId, { messageType: 'MENU', content: seedContent('MENU') });
    const answer = await send(customer, chatId, { messageType: 'MENU_RESPONSE', content: { menuId: menu.id, option: { id: '1' } } });
    assert.deepEqual(answer.content.option, { id: 1, targetUrl: 'https://www.google.it' });
  });

  it("answers the chat's latest FORM, or the one replyTo names, and stores the form's fields with the values", async () => {
    const chatId = await liveChat();
    const older = await send(bot, chatId, {
      messageType: 'FORM',
      content: { title: 'Old form', response_to_bot: 'old', formData: [{ name: 'note', label: 'Note', dc_type: 'text' }] },
    });
    await send(bot, chatId, { messageType: 'FORM', content: seedContent('FORM') });
    const values = ['Enghouse', 'Via Roma 1', 'a@b.it', 'pomeriggio'];
    const latest = await send(customer, chatId, {
      messageType: 'FORM_RESPONSE',
      content: { formData: ['company', 'address', 'email2', 'fascia'].map((name, i) => ({ name, value: values[i] })) },
    });
    const form = seedContent('FORM') as any;
    assert.deepEqual(latest.content.title, 'Titolo Form');
    assert.deepEqual(latest.content.response_to_bot, 'ciao');
    assert.deepEqual(
      latest.content.formData,
      form.formData.map((field: any, i: number) => ({ ...field, value: values[i] })),
    );
    const toOlder = await send(member, chatId, { messageType: 'FORM_RESPONSE', replyTo: older.id, content: { formData: [{ name: 'note', value: 'hi' }] } });
    assert.equal(toOlder.content.title, 'Old form');
    assert.equal(toOlder.replyTo, older.id);
  });

  it("a form's regular expression does not freeze the server", async () => {
    // With a backtracking engine this pattern takes seconds on 28 a's and "!" and never returns on 4,000.
    const chatId = await liveChat();
    const trap = await send(bot, chatId, {
      messageType: 'FORM',
      content: { title: 'Trap', response_to_bot: 'trap', formData: [{ name: 'word', label: 'Word', dc_type: 'text', custom_regexp: '^(a|a)*$', customValidationErrorMessage: 'Only a' }] },
    });
    const answer = (value: string) =>
      client(customer).request('send', { chatId, id: randomUUID(), messageType: 'FORM_RESPONSE', replyTo: trap.id, content: { formData: [{ name: 'word', value }] } });
    const [refused, health] = await Promise.all([answer(`${'a'.repeat(4000)}!`), fetch(`${t.url}/healthz`)]);
    assert.equal(refused.error?.code, 'E_VALIDATION');
    assert.deepEqual((refused.error as any).details, [{ path: '/content/formData/0/value', message: 'Only a' }]);
    assert.equal(health.status, 200);
    const accepted = await answer('a'.repeat(4000));
    assert.equal(accepted.ok, true, JSON.stringify(accepted.error));
  });

  it('removes the sender of a leave once it is committed', async () => {
    const chatId = (await t.createChat('group', [agent.id, customer.id, member.id])).id;
    const leave = await send(member, chatId, { messageType: 'leave', content: {} });
    const seen = client(agent);
    await seen.waitFor(() => seen.eventsOf('member.left').some((e) => e.chatId === chatId && e.userId === member.id), 'member.left');
    const order = seen.events.filter((e) => e.data.chatId === chatId).map((e) => (e.event === 'message' ? `message:${String(e.data.id)}` : e.event));
    assert.deepEqual(order.slice(-2), [`message:${leave.id}`, 'member.left']);
    const members = await t.admin<any>('GET', `/v1/admin/chats/${encodeURIComponent(chatId)}`);
    assert.deepEqual(members.body.members.map((m: any) => m.userId).sort(), [agent.id, customer.id].sort());
    const after = await client(member).request('send', { chatId, id: randomUUID(), messageType: 'TEXT', content: { text: 'still here?' } });
    assert.equal(after.error?.code, 'E_NOT_MEMBER');
  });

  it('lets nothing follow an endChat, however sends race it', async () => {
    const chatId = await liveChat();
    const racers = [agent, customer, member, bot];
    const sends = Array.from({ length: 40 }, (_, i) => {
      const user = racers[i % racers.length] as TestUser;
      const body = i === 20 ? { messageType: 'endChat', content: {} } : { messageType: 'TEXT', content: { text: `race ${i}` } };
      return client(user).request('send', { chatId, id: randomUUID(), ...body });
    });
    const acks = await Promise.all(sends);
    assert.equal(acks[20]?.ok, true, JSON.stringify(acks[20]?.error));
    for (const ack of acks) if (!ack.ok) assert.equal(ack.error?.code, 'E_CHAT_ENDED');
    const history = await client(agent).request('history', { chatId, limit: 100 });
    const messages = (history.data as any).messages as any[];
    assert.equal(messages.at(-1).messageType, 'endChat');
    assert.equal(messages.length, acks.filter((a) => a.ok).length);
    const chat = await t.store.getChat(chatId);
    assert.equal(chat?.state, 'ended');
    assert.equal(chat?.lastSeq, messages.length);
    const seen = client(customer);
    await seen.waitFor(() => seen.eventsOf('chat.updated').some((e) => e.id === chatId && e.state === 'ended'), 'chat.updated');
  });

  it('accepts channel message ids from bots and API keys, idempotently', async () => {
    const chatId = await liveChat();
    const wamid = `wamid.${randomUUID().replaceAll('-', '')}`;
    const fromBot = await send(bot, chatId, { id: wamid, messageType: 'TEXT', content: { text: 'from WhatsApp' } });
    assert.equal(fromBot.id, wamid);
    const again = await send(bot, chatId, { id: wamid, messageType: 'TEXT', content: { text: 'from WhatsApp' } });
    assert.equal(again.seq, fromBot.seq);
    const mid = `m_${randomUUID()}`;
    const res = await t.admin<any>('POST', `/v1/chats/${encodeURIComponent(chatId)}/messages`, { id: mid, messageType: 'TEXT', content: { text: 'from Messenger' } });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.message.id, mid);
  });

  it('exports a chat longer than one page, in seq order', async () => {
    const chatId = (await t.createChat('group', [agent.id, customer.id])).id;
    const total = 1234;
    const batch = Array.from({ length: total }, (_, i) => ({
      tenantId: t.tenantId,
      chatId,
      id: randomUUID(),
      senderId: i % 2 === 0 ? agent.id : customer.id,
      messageType: 'TEXT' as const,
      content: { text: `message ${i}` },
      replyTo: '',
      mentions: [],
      forwardedFrom: null,
      ts: 1_700_000_000_000 + i,
      bodyHash: `bulk-${i}`,
    }));
    const results = await t.store.appendMessages(batch);
    assert.ok(results.every((r) => r.status === 'created'));
    const res = await fetch(`${t.url}/v1/admin/chats/${encodeURIComponent(chatId)}/export`, { headers: { authorization: `Bearer ${t.adminKey}` } });
    const exported = (await res.json()) as any[];
    assert.equal(exported.length, total);
    assert.deepEqual(
      exported.map((o) => o.data.id),
      batch.map((m) => m.id),
    );
    assert.deepEqual(exported[1], {
      data: {
        replyTo: '',
        id: batch[1]?.id,
        messageType: 'TEXT',
        content: { text: 'message 1', user: { id: customer.id, isAgent: false } },
        ts: 1_700_000_000_001,
        deliverySuccess: true,
        deliveryErrorReason: '',
        // First seen when the agent sent the next message, not when the agent's mark last moved.
        messageSeen: 1_700_000_000_000 + 2,
      },
      room: chatId,
    });
  });
});
