// The bad-input table beside message-types.test.ts: every message rule broken once, through the real
// server. Each case gets its error code and field path, and stores nothing (the chat's lastSeq stays).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { seedContent } from '../../../protocol/test/fixtures/seed-001.js';
import { startTestServer, type TestServer, type TestUser } from '../helpers/server.js';
import { RawClient } from '../helpers/ws-client.js';

type Who = 'agent' | 'bot' | 'customer' | 'member' | 'admin';
type Where = 'live' | 'other' | 'fresh' | 'group' | 'ended';

interface Case {
  name: string;
  who: Who;
  where?: Where;
  /** The send, without chatId; `id` defaults to a fresh UUID. */
  send: (refs: Refs) => Record<string, unknown>;
  code: 'E_VALIDATION' | 'E_FORBIDDEN' | 'E_CHAT_ENDED';
  path?: string;
  /** Every detail the error must list, when it lists several. */
  details?: { path: string; message: string }[];
}

/** Ids of messages the cases point at, sent in `before`. */
interface Refs {
  menu: string;
  quickReply: string;
  form: string;
  text: string;
  reaction: string;
  callEvent: string;
  otherChatMenu: string;
  otherChatText: string;
}

const form = seedContent('FORM') as { formData: Record<string, unknown>[] };
const filled = (values: [string, string, string, string]) => ({
  formData: form.formData.map((field, i) => ({ name: field.name, value: values[i] })),
});

const CASES: Case[] = [
  // MENU_RESPONSE
  { name: 'MENU_RESPONSE naming no message', who: 'customer', send: () => ({ messageType: 'MENU_RESPONSE', content: { menuId: randomUUID(), option: { id: 0 } } }), code: 'E_VALIDATION', path: '/content/menuId' },
  { name: 'MENU_RESPONSE naming a MENU of another chat', who: 'customer', send: (r) => ({ messageType: 'MENU_RESPONSE', content: { menuId: r.otherChatMenu, option: { id: 0 } } }), code: 'E_VALIDATION', path: '/content/menuId' },
  { name: 'MENU_RESPONSE naming a TEXT', who: 'customer', send: (r) => ({ messageType: 'MENU_RESPONSE', content: { menuId: r.text, option: { id: 0 } } }), code: 'E_VALIDATION', path: '/content/menuId' },
  { name: 'MENU_RESPONSE choosing no option of the menu', who: 'customer', send: (r) => ({ messageType: 'MENU_RESPONSE', content: { menuId: r.menu, option: { id: 7 } } }), code: 'E_VALIDATION', path: '/content/option/id' },
  { name: "MENU_RESPONSE with another option's targetUrl", who: 'customer', send: (r) => ({ messageType: 'MENU_RESPONSE', content: { menuId: r.menu, option: { id: 0, targetUrl: 'https://evil.example' } } }), code: 'E_VALIDATION', path: '/content/option/targetUrl' },
  // QUICK_REPLY_RESPONSE
  { name: 'QUICK_REPLY_RESPONSE naming no message', who: 'customer', send: () => ({ messageType: 'QUICK_REPLY_RESPONSE', content: { quickReplyId: randomUUID(), reply: 'Yes' } }), code: 'E_VALIDATION', path: '/content/quickReplyId' },
  { name: 'QUICK_REPLY_RESPONSE naming a MENU', who: 'customer', send: (r) => ({ messageType: 'QUICK_REPLY_RESPONSE', content: { quickReplyId: r.menu, reply: 'Yes' } }), code: 'E_VALIDATION', path: '/content/quickReplyId' },
  { name: 'QUICK_REPLY_RESPONSE with a reply not offered', who: 'customer', send: (r) => ({ messageType: 'QUICK_REPLY_RESPONSE', content: { quickReplyId: r.quickReply, reply: 'Maybe' } }), code: 'E_VALIDATION', path: '/content/reply' },
  // FORM / FORM_RESPONSE
  { name: 'FORM_RESPONSE in a chat without a FORM', who: 'customer', where: 'fresh', send: () => ({ messageType: 'FORM_RESPONSE', content: filled(['Enghouse', 'Via Roma 1', 'a@b.it', 'mattina']) }), code: 'E_VALIDATION', path: '/replyTo' },
  { name: 'FORM_RESPONSE whose replyTo names a TEXT', who: 'customer', send: (r) => ({ messageType: 'FORM_RESPONSE', replyTo: r.text, content: filled(['Enghouse', 'Via Roma 1', 'a@b.it', 'mattina']) }), code: 'E_VALIDATION', path: '/replyTo' },
  {
    name: 'FORM_RESPONSE failing every field, with the form’s own messages',
    who: 'customer',
    send: (r) => ({ messageType: 'FORM_RESPONSE', replyTo: r.form, content: filled(['', ' ', 'not-an-address', 'sera']) }),
    code: 'E_VALIDATION',
    path: '/content/formData/0/value',
    details: [
      { path: '/content/formData/0/value', message: 'Campo obbligatorio' },
      { path: '/content/formData/1/value', message: 'Indirizzo obbligatorio' },
      { path: '/content/formData/2/value', message: 'Email non valida' },
      { path: '/content/formData/3/value', message: 'Choose one of the options' },
    ],
  },
  { name: 'FORM_RESPONSE missing a field of the latest FORM', who: 'customer', send: () => ({ messageType: 'FORM_RESPONSE', content: { formData: [{ name: 'company', value: 'Enghouse' }] } }), code: 'E_VALIDATION', path: '/content/formData/1' },
  {
    name: 'FORM with two fields of one name',
    who: 'bot',
    send: () => ({ messageType: 'FORM', content: { ...seedContent('FORM'), formData: [form.formData[0], form.formData[0]] } }),
    code: 'E_VALIDATION',
    path: '/content/formData/1/name',
  },
  {
    name: 'FORM with a custom_regexp that RE2 cannot run (a lookahead)',
    who: 'bot',
    send: () => ({ messageType: 'FORM', content: { ...seedContent('FORM'), formData: [{ ...form.formData[0], custom_regexp: '^(?=a)a+$' }] } }),
    code: 'E_VALIDATION',
    path: '/content/formData/0/custom_regexp',
  },
  // REACTION
  { name: 'REACTION without replyTo', who: 'customer', send: () => ({ messageType: 'REACTION', content: { emoji: '👍' } }), code: 'E_VALIDATION', path: '/replyTo' },
  { name: 'REACTION on no message', who: 'customer', send: () => ({ messageType: 'REACTION', replyTo: randomUUID(), content: { emoji: '👍' } }), code: 'E_VALIDATION', path: '/replyTo' },
  { name: 'REACTION on a message of another chat', who: 'customer', send: (r) => ({ messageType: 'REACTION', replyTo: r.otherChatText, content: { emoji: '👍' } }), code: 'E_VALIDATION', path: '/replyTo' },
  { name: 'REACTION on a REACTION', who: 'customer', send: (r) => ({ messageType: 'REACTION', replyTo: r.reaction, content: { emoji: '👍' } }), code: 'E_VALIDATION', path: '/replyTo' },
  { name: 'REACTION on a call event', who: 'customer', send: (r) => ({ messageType: 'REACTION', replyTo: r.callEvent, content: { emoji: '👍' } }), code: 'E_VALIDATION', path: '/replyTo' },
  { name: 'REACTION with text for an emoji', who: 'customer', send: (r) => ({ messageType: 'REACTION', replyTo: r.text, content: { emoji: 'ok' } }), code: 'E_VALIDATION', path: '/content/emoji' },
  // Who may send what
  { name: 'MENU from a customer', who: 'customer', send: () => ({ messageType: 'MENU', content: seedContent('MENU') }), code: 'E_FORBIDDEN', path: '/messageType' },
  { name: 'QUICK_REPLY from a member', who: 'member', send: () => ({ messageType: 'QUICK_REPLY', content: seedContent('QUICK_REPLY') }), code: 'E_FORBIDDEN', path: '/messageType' },
  { name: 'FORM from a customer', who: 'customer', send: () => ({ messageType: 'FORM', content: seedContent('FORM') }), code: 'E_FORBIDDEN', path: '/messageType' },
  { name: 'MENU_RESPONSE from an agent', who: 'agent', send: (r) => ({ messageType: 'MENU_RESPONSE', content: { menuId: r.menu, option: { id: 0 } } }), code: 'E_FORBIDDEN', path: '/messageType' },
  { name: 'QUICK_REPLY_RESPONSE from a bot', who: 'bot', send: (r) => ({ messageType: 'QUICK_REPLY_RESPONSE', content: { quickReplyId: r.quickReply, reply: 'Yes' } }), code: 'E_FORBIDDEN', path: '/messageType' },
  { name: 'FORM_RESPONSE from an API key', who: 'admin', send: () => ({ messageType: 'FORM_RESPONSE', content: filled(['Enghouse', 'Via Roma 1', 'a@b.it', 'mattina']) }), code: 'E_FORBIDDEN', path: '/messageType' },
  { name: 'videoRequestedByAgent from a customer', who: 'customer', send: () => ({ messageType: 'videoRequestedByAgent', content: { audio: true, video: true } }), code: 'E_FORBIDDEN', path: '/messageType' },
  { name: 'videoRequestedByCustomer from an agent', who: 'agent', send: () => ({ messageType: 'videoRequestedByCustomer', content: { audio: true, video: true } }), code: 'E_FORBIDDEN', path: '/messageType' },
  { name: 'videoStarted from a bot', who: 'bot', send: () => ({ messageType: 'videoStarted', content: { audio: true, video: false } }), code: 'E_FORBIDDEN', path: '/messageType' },
  { name: 'REACTION from an API key', who: 'admin', send: (r) => ({ messageType: 'REACTION', replyTo: r.text, content: { emoji: '👍' } }), code: 'E_FORBIDDEN', path: '/messageType' },
  { name: 'leave from an API key', who: 'admin', send: () => ({ messageType: 'leave', content: {} }), code: 'E_FORBIDDEN', path: '/messageType' },
  // endChat
  { name: 'endChat in a group chat', who: 'member', where: 'group', send: () => ({ messageType: 'endChat', content: {} }), code: 'E_VALIDATION', path: '/messageType' },
  { name: 'TEXT in an ended chat', who: 'agent', where: 'ended', send: () => ({ messageType: 'TEXT', content: { text: 'anyone?' } }), code: 'E_CHAT_ENDED' },
  { name: 'endChat in an ended chat', who: 'customer', where: 'ended', send: () => ({ messageType: 'endChat', content: {} }), code: 'E_CHAT_ENDED' },
  // replyTo, server-set fields, ids
  { name: 'replyTo naming no message', who: 'agent', send: () => ({ messageType: 'TEXT', replyTo: randomUUID(), content: { text: 'hi' } }), code: 'E_VALIDATION', path: '/replyTo' },
  { name: 'replyTo naming a message of another chat', who: 'agent', send: (r) => ({ messageType: 'TEXT', replyTo: r.otherChatText, content: { text: 'hi' } }), code: 'E_VALIDATION', path: '/replyTo' },
  { name: 'content.user set by the sender', who: 'agent', send: () => ({ messageType: 'TEXT', content: { text: 'hi', user: { id: 'someone-else', isAgent: true } } }), code: 'E_VALIDATION', path: '/content/user' },
  { name: 'ts set by the sender', who: 'agent', send: () => ({ messageType: 'TEXT', content: { text: 'hi' }, ts: 1 }), code: 'E_VALIDATION', path: '/ts' },
  { name: 'deliverySuccess set by the sender', who: 'agent', send: () => ({ messageType: 'TEXT', content: { text: 'hi' }, deliverySuccess: true }), code: 'E_VALIDATION', path: '/deliverySuccess' },
  { name: 'messageSeen set by the sender', who: 'agent', send: () => ({ messageType: 'TEXT', content: { text: 'hi' }, messageSeen: 1 }), code: 'E_VALIDATION', path: '/messageSeen' },
  { name: 'a channel id (wamid.…) from a customer', who: 'customer', send: () => ({ id: `wamid.${randomUUID()}`, messageType: 'TEXT', content: { text: 'hi' } }), code: 'E_VALIDATION', path: '/id' },
  { name: 'a channel id (m_…) from an agent', who: 'agent', send: () => ({ id: `m_${randomUUID()}`, messageType: 'TEXT', content: { text: 'hi' } }), code: 'E_VALIDATION', path: '/id' },
  // Content shapes
  { name: 'an unknown message type', who: 'agent', send: () => ({ messageType: 'STICKER', content: {} }), code: 'E_VALIDATION', path: '/messageType' },
  { name: 'LOCATION latitude beyond 90', who: 'customer', send: () => ({ messageType: 'LOCATION', content: { latitude: 91, longitude: 9 } }), code: 'E_VALIDATION', path: '/content/latitude' },
  { name: 'LOCATION longitude beyond -180', who: 'customer', send: () => ({ messageType: 'LOCATION', content: { latitude: 45, longitude: -181 } }), code: 'E_VALIDATION', path: '/content/longitude' },
  { name: 'LINK to javascript:', who: 'agent', send: () => ({ messageType: 'LINK', content: { url: 'javascript:alert(1)' } }), code: 'E_VALIDATION', path: '/content/url' },
  { name: 'TEXT over 4096 characters', who: 'agent', send: () => ({ messageType: 'TEXT', content: { text: 'x'.repeat(4097) } }), code: 'E_VALIDATION', path: '/content/text' },
  { name: 'QUICK_REPLY with four replies', who: 'bot', send: () => ({ messageType: 'QUICK_REPLY', content: { text: 'Pick', quickReplies: ['a', 'b', 'c', 'd'] } }), code: 'E_VALIDATION', path: '/content/quickReplies' },
  { name: 'a field of the wrong type', who: 'customer', send: () => ({ messageType: 'videoAccepted', content: { audio: 'yes', video: true } }), code: 'E_VALIDATION', path: '/content/audio' },
];

describe('message rules: bad input is refused and stores nothing', () => {
  let t: TestServer;
  const users = {} as Record<Exclude<Who, 'admin'>, TestUser>;
  const clients = {} as Record<Exclude<Who, 'admin'>, RawClient>;
  const chats = {} as Record<Where, string>;
  let refs: Refs;

  before(async () => {
    t = await startTestServer({ config: { heartbeatMs: 60_000 } });
    for (const who of ['agent', 'bot', 'customer', 'member'] as const) {
      users[who] = await t.createUser(who);
      clients[who] = await RawClient.connect(t.wsUrl, users[who].token);
    }
    const everyone = Object.values(users).map((u) => u.id);
    for (const where of ['live', 'other', 'fresh', 'ended'] as const) chats[where] = (await t.createChat('livechat', everyone)).id;
    chats.group = (await t.createChat('group', everyone)).id;

    const send = async (who: Exclude<Who, 'admin'>, chatId: string, body: Record<string, unknown>): Promise<string> => {
      const id = randomUUID();
      const ack = await clients[who].request('send', { chatId, id, ...body });
      assert.equal(ack.ok, true, JSON.stringify(ack.error));
      return id;
    };
    const text = await send('agent', chats.live, { messageType: 'TEXT', content: { text: 'Buongiorno' } });
    refs = {
      text,
      menu: await send('bot', chats.live, { messageType: 'MENU', content: seedContent('MENU') }),
      quickReply: await send('bot', chats.live, { messageType: 'QUICK_REPLY', content: seedContent('QUICK_REPLY') }),
      form: await send('bot', chats.live, { messageType: 'FORM', content: seedContent('FORM') }),
      reaction: await send('customer', chats.live, { messageType: 'REACTION', replyTo: text, content: { emoji: '👍' } }),
      callEvent: await send('agent', chats.live, { messageType: 'videoStarted', content: { audio: true, video: true } }),
      otherChatMenu: await send('bot', chats.other, { messageType: 'MENU', content: seedContent('MENU') }),
      otherChatText: await send('agent', chats.other, { messageType: 'TEXT', content: { text: 'elsewhere' } }),
    };
    await send('customer', chats.ended, { messageType: 'endChat', content: {} });
  });
  after(async () => {
    for (const c of Object.values(clients)) c.close();
    await t.close();
  });

  for (const c of CASES) {
    it(`${c.name} → ${c.code}${c.path ? ` at ${c.path}` : ''}`, async () => {
      const chatId = chats[c.where ?? 'live'];
      const before = await t.store.getChat(chatId);
      const body = { id: randomUUID(), ...c.send(refs) };
      const error = await sendAs(c.who, chatId, body);
      assert.ok(error, 'the send is refused');
      assert.equal(error.code, c.code, JSON.stringify(error));
      if (c.path !== undefined) assert.equal(error.path, c.path, JSON.stringify(error));
      if (c.details !== undefined) assert.deepEqual(error.details, c.details);
      const afterwards = await t.store.getChat(chatId);
      assert.equal(afterwards?.lastSeq, before?.lastSeq, 'nothing stored');
      assert.equal(await t.store.getMessage(t.tenantId, String(body.id)), null);
    });
  }

  /** Sends over WebSocket as a user, or over REST with the admin key; resolves to the error, or null. */
  async function sendAs(who: Who, chatId: string, body: Record<string, unknown>): Promise<any> {
    if (who === 'admin') {
      const res = await t.admin<any>('POST', `/v1/chats/${encodeURIComponent(chatId)}/messages`, body);
      return res.status >= 400 ? res.body.error : null;
    }
    const ack = await clients[who].request('send', { chatId, ...body });
    return ack.ok ? null : ack.error;
  }
});
