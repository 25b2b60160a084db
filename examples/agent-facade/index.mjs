// An agent in Node with the seed 002 facade: LIVECHATSDK.LIVECHAT.joinContact(chatId).
//
//   PARLEY_URL=http://127.0.0.1:8080 PARLEY_ADMIN_KEY=pk_… node examples/agent-facade/index.mjs
//
// The script creates an agent (admin API), plays a website visitor who opens a live chat through the
// live-chat REST routes, then logs in as the agent with LIVECHATSDK.init, joins the chat with the seed's
// own calls, and logs what the seed 002 example logs while the visitor writes, sends a link and ends the
// chat. It exits 0 on `contactEnded`.
import { LIVECHATSDK } from '@parley/sdk';

const url = process.env.PARLEY_URL ?? 'http://127.0.0.1:8080';
const adminKey = process.env.PARLEY_ADMIN_KEY;
if (!adminKey) {
  console.error('Set PARLEY_ADMIN_KEY to the admin API key the server printed on its first start.');
  process.exit(2);
}

async function call(token, method, path, body) {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = res.status === 204 ? {} : await res.json();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

// The agent, and a visitor with an open live chat.
const { user: agent } = await call(adminKey, 'POST', '/v1/admin/users', { kind: 'agent', nickname: 'Gabriele Verde' });
const { token: agentToken } = await call(adminKey, 'POST', `/v1/admin/users/${encodeURIComponent(agent.id)}/tokens`, { ttlSeconds: 3600 });
const visitor = await call(undefined, 'POST', '/v1/livechat/sessions', { domain: 'DEFAULT', nickname: 'Chris', firstUri: 'https://shop.example/help' });
const { chat } = await call(visitor.token, 'POST', '/v1/livechat/chats', { subject: 'My order' });
const chatId = chat.chat.id;

// The documented login step, then the seed 002 calls.
await LIVECHATSDK.init({ url, token: agentToken, domain: 'DEFAULT' });
const contact = await LIVECHATSDK.LIVECHAT.joinContact(chatId);
console.log('[CTLive] Contact JOINED', contact.contact.id);

const ended = new Promise((resolve) => {
  contact.on('message', function (event) {
    console.log('[CTLIVE] On [message] event');
    console.log('Nickname......' + event.content.user.nickname);
    console.log('Text..........' + event.content.text);
    console.log('Is Agent......' + event.content.user.isAgent);
    console.log('Msg ID........' + event.id);
  });
  contact.on('link', function (event) {
    console.log('[CTLIVE] On [link] event');
    console.log('URL................', event.content.url);
  });
  contact.on('messageSeen', function (event) {
    console.log('[CTLIVE] On [messageSeen] event');
    console.log('Msg ID........' + event.messageID);
  });
  contact.on('isWriting', function (event) {
    console.log('[CTLIVE] On [isWriting] event');
    console.log('Started/Stopped writing........', event.bwrite);
  });
  contact.on('contactEnded', function () {
    console.log('[CTLIVE] On [contactEnded] event');
    resolve();
  });
});

// The visitor's side, over REST.
const send = (messageType, content) => call(visitor.token, 'POST', `/v1/chats/${chatId}/messages`, { messageType, content });
await call(visitor.token, 'POST', `/v1/chats/${chatId}/typing`, { state: 'composing' });
await send('TEXT', { text: 'Hello, where is my order?' });
const mine = await contact.sendMessage('Let me check that for you.');
await call(visitor.token, 'POST', `/v1/chats/${chatId}/receipts`, { kind: 'seen', seq: mine.seq ?? 1 });
await send('LINK', { url: 'https://shop.example/orders/42' });
await send('endChat', {});

const timer = setTimeout(() => {
  console.error('no contactEnded within 30 s');
  process.exit(1);
}, 30_000);
await ended;
clearTimeout(timer);
await LIVECHATSDK.disconnect();
process.exit(0);
