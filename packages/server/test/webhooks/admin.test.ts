import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { WebhookEndpoint } from '@parley/protocol';
import type { TestServer, TestUser } from '../helpers/server.js';
import { allowPrivateUrls, startWebhookServer } from './setup.js';

type ErrorAnswer = { error: { code: string; path?: string } };

/** How a visitor's new live chat starts, as the visitor sees it: with the bot (`bot`) or in the queue. */
async function newChatState(t: TestServer): Promise<string> {
  const session = await fetch(`${t.url}/v1/livechat/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ domain: 'DEFAULT', nickname: 'Vic' }),
  });
  assert.equal(session.status, 201);
  const { token } = (await session.json()) as { token: string };
  const opened = await fetch(`${t.url}/v1/livechat/chats`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' });
  assert.equal(opened.status, 201);
  return ((await opened.json()) as { chat: { chat: { state: string } } }).chat.chat.state;
}

describe('webhooks: the admin API', () => {
  let t: TestServer;
  let bot: TestUser;
  let member: TestUser;
  before(async () => {
    t = await startWebhookServer({}, false);
    bot = await t.createUser('bot', 'Helper bot');
    member = await t.createUser('member', 'Mia');
  });
  after(async () => t.close());

  it('registers an endpoint, shows its secret once, lists, reads, changes and deletes it', async () => {
    const created = await t.admin<{ endpoint: WebhookEndpoint }>('POST', '/v1/admin/webhooks', {
      url: 'https://93.184.216.34/hooks/parley',
      description: 'CRM',
      events: ['message.created', 'chat.ended'],
    });
    assert.equal(created.status, 201);
    const endpoint = created.body.endpoint;
    assert.match(endpoint.secret ?? '', /^whsec_[A-Za-z0-9_-]{43}$/);
    assert.deepEqual(
      { url: endpoint.url, events: endpoint.events, active: endpoint.active, botUserId: endpoint.botUserId, entryBot: endpoint.entryBot },
      { url: 'https://93.184.216.34/hooks/parley', events: ['message.created', 'chat.ended'], active: true, botUserId: null, entryBot: false },
    );

    const read = await t.admin<{ endpoint: WebhookEndpoint }>('GET', `/v1/admin/webhooks/${endpoint.id}`);
    assert.equal(read.status, 200);
    assert.equal(read.body.endpoint.secret, undefined, 'the secret is shown only once');
    const list = await t.admin<{ endpoints: WebhookEndpoint[] }>('GET', '/v1/admin/webhooks');
    assert.ok(list.body.endpoints.some((e) => e.id === endpoint.id && e.secret === undefined));

    const changed = await t.admin<{ endpoint: WebhookEndpoint }>('PATCH', `/v1/admin/webhooks/${endpoint.id}`, { active: false, events: ['*'] });
    assert.equal(changed.status, 200);
    assert.equal(changed.body.endpoint.active, false);
    assert.deepEqual(changed.body.endpoint.events, ['*']);

    const rotated = await t.admin<{ endpoint: WebhookEndpoint }>('POST', `/v1/admin/webhooks/${endpoint.id}/rotate-secret`);
    assert.equal(rotated.status, 200);
    assert.ok(rotated.body.endpoint.secret && rotated.body.endpoint.secret !== endpoint.secret);

    assert.equal((await t.admin('DELETE', `/v1/admin/webhooks/${endpoint.id}`)).status, 204);
    const gone = await t.admin<ErrorAnswer>('GET', `/v1/admin/webhooks/${endpoint.id}`);
    assert.equal(gone.status, 404);
    assert.equal(gone.body.error.code, 'E_WEBHOOK_NOT_FOUND');
  });

  it('links a bot user and makes it the entry bot of new live chats', async () => {
    const created = await t.admin<{ endpoint: WebhookEndpoint }>('POST', '/v1/admin/webhooks', {
      url: 'https://93.184.216.34/bot',
      botUserId: bot.id,
      entryBot: true,
    });
    assert.equal(created.status, 201);
    assert.equal(created.body.endpoint.entryBot, true);
    assert.equal(await newChatState(t), 'bot');

    // Inactive: nobody would answer, so new chats go to the queue instead of waiting for the bot.
    await t.admin('PATCH', `/v1/admin/webhooks/${created.body.endpoint.id}`, { active: false });
    assert.equal(await newChatState(t), 'queued');
    await t.admin('PATCH', `/v1/admin/webhooks/${created.body.endpoint.id}`, { active: true });
    assert.equal(await newChatState(t), 'bot');

    const unmarked = await t.admin<{ endpoint: WebhookEndpoint }>('PATCH', `/v1/admin/webhooks/${created.body.endpoint.id}`, { entryBot: false });
    assert.equal(unmarked.body.endpoint.entryBot, false);
    assert.equal(await newChatState(t), 'queued');
    await t.admin('DELETE', `/v1/admin/webhooks/${created.body.endpoint.id}`);
  });

  it('refuses invalid URLs with E_VALIDATION', async () => {
    for (const url of ['not a url', 'ftp://example.com/hook', 'javascript:alert(1)', 'https://user:pass@example.com/hook', 'https://example.com/hook#frag', 'file:///etc/passwd']) {
      const res = await t.admin<ErrorAnswer>('POST', '/v1/admin/webhooks', { url });
      assert.equal(res.status, 400, url);
      assert.equal(res.body.error.code, 'E_VALIDATION', url);
    }
    const badEvents = await t.admin<ErrorAnswer>('POST', '/v1/admin/webhooks', { url: 'https://93.184.216.34/x', events: ['message.exploded'] });
    assert.equal(badEvents.status, 400);
    const extra = await t.admin<ErrorAnswer>('POST', '/v1/admin/webhooks', { url: 'https://93.184.216.34/x', secret: 'mine' });
    assert.equal(extra.status, 400);
  });

  it('refuses private and loopback addresses unless the tenant allows them', async () => {
    for (const url of ['http://127.0.0.1:9/hook', 'http://localhost:9/hook', 'http://10.1.2.3/hook', 'http://[::1]:9/hook', 'http://169.254.169.254/latest', 'http://[::ffff:127.0.0.1]/x']) {
      const res = await t.admin<ErrorAnswer>('POST', '/v1/admin/webhooks', { url });
      assert.equal(res.status, 403, url);
      assert.equal(res.body.error.code, 'E_URL_FORBIDDEN', url);
      assert.equal(res.body.error.path, '/url');
    }
    await allowPrivateUrls(t, true);
    try {
      const res = await t.admin<{ endpoint: WebhookEndpoint }>('POST', '/v1/admin/webhooks', { url: 'http://127.0.0.1:9/hook' });
      assert.equal(res.status, 201);
      await t.admin('DELETE', `/v1/admin/webhooks/${res.body.endpoint.id}`);
    } finally {
      await allowPrivateUrls(t, false);
    }
  });

  it('refuses a bot link to a user who is not a bot, or who does not exist', async () => {
    const notBot = await t.admin<ErrorAnswer>('POST', '/v1/admin/webhooks', { url: 'https://93.184.216.34/x', botUserId: member.id });
    assert.equal(notBot.status, 400);
    assert.equal(notBot.body.error.path, '/botUserId');
    const missing = await t.admin<ErrorAnswer>('POST', '/v1/admin/webhooks', { url: 'https://93.184.216.34/x', botUserId: 'nobody' });
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, 'E_USER_NOT_FOUND');
    const entryWithoutBot = await t.admin<ErrorAnswer>('POST', '/v1/admin/webhooks', { url: 'https://93.184.216.34/x', entryBot: true });
    assert.equal(entryWithoutBot.status, 400);
    assert.equal(entryWithoutBot.body.error.path, '/entryBot');
  });

  it('answers unknown endpoint and delivery ids with 404 codes', async () => {
    const cases: [string, string, string][] = [
      ['GET', '/v1/admin/webhooks/wh_nope', 'E_WEBHOOK_NOT_FOUND'],
      ['PATCH', '/v1/admin/webhooks/wh_nope', 'E_WEBHOOK_NOT_FOUND'],
      ['DELETE', '/v1/admin/webhooks/wh_nope', 'E_WEBHOOK_NOT_FOUND'],
      ['POST', '/v1/admin/webhooks/wh_nope/rotate-secret', 'E_WEBHOOK_NOT_FOUND'],
      ['GET', '/v1/admin/webhook-deliveries?endpointId=wh_nope', 'E_WEBHOOK_NOT_FOUND'],
      ['GET', '/v1/admin/webhook-deliveries/dlv_nope', 'E_DELIVERY_NOT_FOUND'],
      ['POST', '/v1/admin/webhook-deliveries/dlv_nope/replay', 'E_DELIVERY_NOT_FOUND'],
    ];
    for (const [method, path, code] of cases) {
      const res = await t.admin<ErrorAnswer>(method, path, method === 'PATCH' ? { active: true } : undefined);
      assert.equal(res.status, 404, `${method} ${path}`);
      assert.equal(res.body.error.code, code, `${method} ${path}`);
    }
  });

  it('keeps other tenants out: their admins see none of this tenant’s endpoints', async () => {
    const mine = await t.admin<{ endpoint: WebhookEndpoint }>('POST', '/v1/admin/webhooks', { url: 'https://93.184.216.34/mine' });
    const other = await t.admin<{ adminKey: string }>('POST', '/v1/admin/tenants', { domain: `other-${Date.now()}` });
    assert.equal(other.status, 201);
    const as = (method: string, path: string) => fetch(`${t.url}${path}`, { method, headers: { authorization: `Bearer ${other.body.adminKey}` } });
    assert.equal((await as('GET', `/v1/admin/webhooks/${mine.body.endpoint.id}`)).status, 404);
    assert.equal((await as('DELETE', `/v1/admin/webhooks/${mine.body.endpoint.id}`)).status, 404);
    const list = (await (await as('GET', '/v1/admin/webhooks')).json()) as { endpoints: unknown[] };
    assert.deepEqual(list.endpoints, []);
  });

  it('refuses callers without an admin key', async () => {
    const asUser = await fetch(`${t.url}/v1/admin/webhooks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bot.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url: 'https://93.184.216.34/x' }),
    });
    assert.equal(asUser.status, 403);
    assert.equal(((await asUser.json()) as ErrorAnswer).error.code, 'E_FORBIDDEN');
    for (const path of ['/v1/admin/webhooks', '/v1/admin/webhook-deliveries']) {
      const anonymous = await fetch(`${t.url}${path}`);
      assert.equal(anonymous.status, 401, path);
      const user = await fetch(`${t.url}${path}`, { headers: { authorization: `Bearer ${member.token}` } });
      assert.equal(user.status, 403, path);
    }
  });
});
