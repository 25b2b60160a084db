// Two users chatting through Parley with the Node SDK.
//
//   PARLEY_URL=http://127.0.0.1:8080 PARLEY_ADMIN_KEY=pk_… node examples/node-client/index.mjs
//
// Alice and Bob are created with the admin API, each connects with an access token, Alice writes,
// Bob answers; the script prints what each receives and exits 0 once Alice has Bob's answer.
// BOB_URL points Bob at another node (examples/two-nodes).
import { ParleyClient } from '@parley/sdk';

const url = process.env.PARLEY_URL ?? 'http://127.0.0.1:8080';
const bobUrl = process.env.BOB_URL ?? url;
const adminKey = process.env.PARLEY_ADMIN_KEY;
if (!adminKey) {
  console.error('Set PARLEY_ADMIN_KEY to the admin API key the server printed on its first start.');
  process.exit(2);
}

/** One admin REST call. */
async function admin(method, path, body) {
  const res = await fetch(`${url}/v1/admin${path}`, {
    method,
    headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body ?? {}),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function user(nickname) {
  const { user } = await admin('POST', '/users', { kind: 'member', nickname });
  const { token } = await admin('POST', `/users/${encodeURIComponent(user.id)}/tokens`, {});
  return { ...user, token };
}

const alice = await user('Alice');
const bob = await user('Bob');
const { chat } = await admin('POST', '/chats', { kind: 'direct', members: [{ userId: alice.id }, { userId: bob.id }] });

const aliceClient = new ParleyClient({ url, token: alice.token });
const bobClient = new ParleyClient({ url: bobUrl, token: bob.token });

const answered = new Promise((resolve) => {
  bobClient.on('message', (m) => {
    if (m.senderId === bob.id) return;
    console.log(`Bob received: ${m.content.text}`);
    void bobClient.send({ chatId: chat.id, messageType: 'TEXT', content: { text: 'Hi Alice, all good!' } });
  });
  aliceClient.on('message', (m) => {
    if (m.senderId !== bob.id) return;
    console.log(`Alice received: ${m.content.text}`);
    resolve();
  });
});

await Promise.all([aliceClient.connect(), bobClient.connect()]);
const sent = await aliceClient.send({ chatId: chat.id, messageType: 'TEXT', content: { text: 'Hello Bob!' } });
console.log(`Alice sent message ${sent.seq} in ${chat.id}`);

const timeout = setTimeout(() => {
  console.error('No answer within 10 s');
  process.exit(1);
}, 10_000);
await answered;
clearTimeout(timeout);
aliceClient.disconnect();
bobClient.disconnect();
console.log('done');
