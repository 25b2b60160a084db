import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Message } from '@parley/protocol';
import { verifyWebhook } from '../../src/domain/webhooks/index.js';
import type { TestServer, TestUser } from '../helpers/server.js';
import { Receiver, signatureOf, type Received } from './receiver.js';
import { createEndpoint, startWebhookServer, type CreatedEndpoint } from './setup.js';

interface Json {
  status: number;
  body: Record<string, unknown> & { error?: { code: string } };
}

async function call(t: TestServer, token: string, method: string, path: string, body?: unknown): Promise<Json> {
  const res = await fetch(`${t.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Json['body']) : {} };
}

const inChat = (chatId: string, type: string) => (r: Received) => r.body.type === type && r.body.data.chatId === chatId;

describe('webhooks: a bot answers a live chat through REST and hands it over', () => {
  let t: TestServer;
  let receiver: Receiver;
  let bot: TestUser;
  let botEndpoint: CreatedEndpoint;
  let departmentId: string;

  before(async () => {
    t = await startWebhookServer();
    receiver = await Receiver.start();
    bot = await t.createUser('bot', 'Concierge');
    botEndpoint = await createEndpoint(t, { url: `${receiver.url}/bot`, botUserId: bot.id, entryBot: true });
    const department = await t.admin<{ department: { id: string } }>('POST', '/v1/livechat/departments', { name: 'Bookings' });
    assert.equal(department.status, 201, JSON.stringify(department.body));
    departmentId = department.body.department.id;
  });
  after(async () => {
    await t.close();
    await receiver.close();
  });

  it('visitor → bot webhook → MENU over REST → MENU_RESPONSE webhook → handover → queued', async () => {
    // A visitor starts a live chat: it goes to the entry bot.
    const session = await fetch(`${t.url}/v1/livechat/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ domain: 'DEFAULT', nickname: 'Vera' }),
    });
    assert.equal(session.status, 201);
    const visitor = (await session.json()) as { token: string; visitor: { id?: string; userId?: string } };
    const opened = await call(t, visitor.token, 'POST', '/v1/livechat/chats', { subject: 'A flight' });
    assert.equal(opened.status, 201, JSON.stringify(opened.body));
    const chat = (opened.body.chat as { chat: { id: string; state: string } }).chat;
    assert.equal(chat.state, 'bot');

    // The bot hears of it: it joined the chat (and the visitor did), signed with its endpoint's secret.
    const [joined] = await receiver.waitFor((r) => inChat(chat.id, 'member.joined')(r) && (r.body.data as { member: { userId: string } }).member.userId === bot.id);
    assert.ok(verifyWebhook(botEndpoint.secret, signatureOf(joined!), joined!.raw));
    assert.equal((joined!.body.data as { chat: { state: string } }).chat.state, 'bot');

    // The bot answers with a MENU through the REST API.
    const menu = await call(t, bot.token, 'POST', `/v1/chats/${chat.id}/messages`, {
      messageType: 'MENU',
      content: {
        text: 'How can I help?',
        options: [
          { id: 1, command: 'load-item', text: 'Book a flight', targetUrl: 'book' },
          { id: 2, command: 'load-item', text: 'Talk to a person', targetUrl: 'human' },
        ],
      },
    });
    assert.equal(menu.status, 201, JSON.stringify(menu.body));
    const menuId = (menu.body.message as Message).id;

    // Its own message does not come back to it.
    await t.server.services.webhooks.idle();
    assert.equal(receiver.matching((r) => inChat(chat.id, 'message.created')(r) && (r.body.data as { message: Message }).message.id === menuId).length, 0);

    // The visitor picks an option; the bot gets the MENU_RESPONSE as message.created.
    const answer = await call(t, visitor.token, 'POST', `/v1/chats/${chat.id}/messages`, {
      messageType: 'MENU_RESPONSE',
      content: { menuId, option: { id: 2 } },
    });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    const [response] = await receiver.waitFor((r) => inChat(chat.id, 'message.created')(r) && (r.body.data as { message: Message }).message.messageType === 'MENU_RESPONSE');
    const received = (response!.body.data as { message: Message }).message;
    assert.equal(received.content.menuId, menuId);
    assert.deepEqual(received.content.option, { id: 2, targetUrl: 'human' });

    // The bot hands the chat over to the department: it is queued, and the bot hears chat.queued.
    const handover = await call(t, bot.token, 'POST', `/v1/livechat/chats/${chat.id}/handover`, { departmentId });
    assert.equal(handover.status, 200, JSON.stringify(handover.body));
    const state = await call(t, visitor.token, 'GET', `/v1/livechat/chats/${chat.id}`);
    const view = state.body.chat as { chat: { state: string }; departmentId: string };
    assert.equal(view.chat.state, 'queued');
    assert.equal(view.departmentId, departmentId);
    const [queued] = await receiver.waitFor(inChat(chat.id, 'chat.queued'));
    assert.equal((queued!.body.data as { chat: { state: string } }).chat.state, 'queued');

    // Handing over twice is refused: the chat is no longer with the bot.
    const again = await call(t, bot.token, 'POST', `/v1/livechat/chats/${chat.id}/handover`, { departmentId });
    assert.ok(again.status >= 400);
  });

  it('a bot endpoint hears only the chats its bot is in', async () => {
    const alice = await t.createUser('member', 'Alice');
    const other = await t.createChat('group', [alice.id]);
    await call(t, alice.token, 'POST', `/v1/chats/${other.id}/messages`, { messageType: 'TEXT', content: { text: 'not for the bot' } });
    await t.server.services.webhooks.idle();
    assert.equal(receiver.matching((r) => r.body.data.chatId === other.id).length, 0);
  });
});
