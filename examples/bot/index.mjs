// A bot for Parley's live chats: it greets every new chat with a MENU and hands the chat over to a
// department of agents when the visitor asks for a person.
//
//   PARLEY_URL=http://127.0.0.1:8080 PARLEY_ADMIN_KEY=pk_… node examples/bot/index.mjs
//
// The script creates the bot user, a department and a webhook endpoint marked as the tenant's entry bot
// (the server must allow the bot's loopback address: tenant plan `webhooks.allowPrivateUrls`, or
// PARLEY_WEBHOOK_ALLOW_PRIVATE_URLS=true). It then listens for signed webhooks, verifies each signature,
// answers through the REST API, and exits 0 after its first handover (BOT_ONCE=false keeps it running).
// With DEMO_VISITOR=true it also plays a visitor, so the whole exchange runs on its own.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';

const url = process.env.PARLEY_URL ?? 'http://127.0.0.1:8080';
const adminKey = process.env.PARLEY_ADMIN_KEY;
const once = process.env.BOT_ONCE !== 'false';
if (!adminKey) {
  console.error('Set PARLEY_ADMIN_KEY to the admin API key the server printed on its first start.');
  process.exit(2);
}

async function call(token, method, path, body) {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = res.status === 204 ? {} : await res.json();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** The receiver's half of docs/webhooks.md: HMAC-SHA256 over "<timestamp>.<raw body>", recent only. */
function verified(secret, timestamp, signature, raw) {
  if (!timestamp || !signature || Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false;
  const expected = Buffer.from(`v1=${createHmac('sha256', secret).update(`${timestamp}.${raw}`).digest('hex')}`);
  return signature.split(',').some((s) => {
    const given = Buffer.from(s.trim());
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

// The bot user, its token, a department to hand over to.
const { user: bot } = await call(adminKey, 'POST', '/v1/admin/users', { kind: 'bot', nickname: 'Concierge' });
const { token: botToken } = await call(adminKey, 'POST', `/v1/admin/users/${encodeURIComponent(bot.id)}/tokens`, { ttlSeconds: 86400 });
const { department } = await call(adminKey, 'POST', '/v1/livechat/departments', { name: 'Support' });

let secret = '';
const seen = new Set();
let finish;
const done = new Promise((resolve) => (finish = resolve));

async function onEvent(event) {
  if (seen.has(event.id)) return; // retries carry the same event id
  seen.add(event.id);
  if (event.type === 'member.joined' && event.data.member.userId === bot.id && event.data.chat.state === 'bot') {
    const chatId = event.data.chat.id;
    await call(botToken, 'POST', `/v1/chats/${chatId}/messages`, {
      messageType: 'MENU',
      content: {
        text: 'Hello! How can I help?',
        options: [
          { id: 1, command: 'load-item', text: 'Opening hours', targetUrl: 'hours' },
          { id: 2, command: 'load-item', text: 'Talk to a person', targetUrl: 'human' },
        ],
      },
    });
    console.log(`bot: sent a MENU in ${chatId}`);
  }
  if (event.type === 'message.created' && event.data.message.messageType === 'MENU_RESPONSE') {
    const { chatId, content } = event.data.message;
    if (content.option.targetUrl === 'hours') {
      await call(botToken, 'POST', `/v1/chats/${chatId}/messages`, { messageType: 'TEXT', content: { text: 'We are open 9–18, Monday to Friday.' } });
      return;
    }
    await call(botToken, 'POST', `/v1/chats/${chatId}/messages`, { messageType: 'TEXT', content: { text: 'Connecting you with a person…' } });
    await call(botToken, 'POST', `/v1/livechat/chats/${chatId}/handover`, { departmentId: department.id });
    console.log(`bot: handed ${chatId} over to ${department.name}`);
    if (once) finish();
  }
}

const server = createServer((req, res) => {
  let raw = '';
  req.on('data', (c) => (raw += c));
  req.on('end', () => {
    if (!verified(secret, req.headers['parley-webhook-timestamp'], req.headers['parley-webhook-signature'], raw)) {
      res.writeHead(401).end();
      return;
    }
    res.writeHead(204).end(); // answer at once; the work happens after
    onEvent(JSON.parse(raw)).catch((err) => console.error('bot:', err.message));
  });
});
await new Promise((resolve) => server.listen(Number(process.env.BOT_PORT ?? 0), '127.0.0.1', resolve));
const botUrl = `http://127.0.0.1:${server.address().port}/webhooks`;
const { endpoint } = await call(adminKey, 'POST', '/v1/admin/webhooks', { url: botUrl, botUserId: bot.id, entryBot: true });
secret = endpoint.secret;
console.log(`bot: listening at ${botUrl} as ${bot.id}`);

if (process.env.DEMO_VISITOR === 'true') {
  // A visitor opens a live chat, waits for the menu and asks for a person.
  const session = await call('', 'POST', '/v1/livechat/sessions', { domain: 'DEFAULT', nickname: 'Vera' });
  const { chat } = await call(session.token, 'POST', '/v1/livechat/chats', { subject: 'Help' });
  for (let i = 0; i < 100; i++) {
    const { messages } = await call(session.token, 'GET', `/v1/chats/${chat.chat.id}/messages`);
    const menu = messages.find((m) => m.messageType === 'MENU');
    if (menu) {
      console.log(`visitor: got "${menu.content.text}"`);
      await call(session.token, 'POST', `/v1/chats/${chat.chat.id}/messages`, { messageType: 'MENU_RESPONSE', content: { menuId: menu.id, option: { id: 2 } } });
      break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

if (once) {
  const timer = setTimeout(() => {
    console.error('bot: no handover within 60 s');
    process.exit(1);
  }, 60_000);
  await done;
  clearTimeout(timer);
  server.close();
  process.exit(0);
}
