// A tenant's widget settings: admins read and change them under /v1/admin/widget, the widget reads
// what it shows from /v1/livechat/widget; invalid settings name the field and change nothing.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { WidgetSettings } from '@parley/protocol';
import { startTestServer, type TestServer, type TestUser } from '../helpers/server.js';

interface Answer {
  widget: WidgetSettings;
  snippet: string;
}
interface ErrorAnswer {
  error: { code: string; path?: string; message: string };
}

const SETTINGS: WidgetSettings = {
  primaryColor: '#112233',
  accentColor: '#AABBCC',
  title: 'Talk to Acme',
  greeting: 'Hello! How can we help?',
  prechatFields: [
    { name: 'name', label: 'Your name', type: 'text', required: true },
    { name: 'email', label: 'Email', type: 'email', required: true },
    { name: 'topic', label: 'Topic', type: 'select', required: false, options: ['Sales', 'Support'] },
  ],
  allowedOrigins: ['https://shop.example'],
};

describe('widget settings', () => {
  let t: TestServer;
  let agent: TestUser;
  before(async () => {
    t = await startTestServer();
    agent = await t.createUser('agent', 'Agent');
  });
  after(() => t.close());

  const publicRead = async (query = 'domain=DEFAULT', headers: Record<string, string> = {}) => {
    const res = await fetch(`${t.url}/v1/livechat/widget?${query}`, { headers });
    return { status: res.status, body: (await res.json()) as { widget: Record<string, unknown> } & Partial<ErrorAnswer> };
  };

  it('starts from the defaults, with the install snippet for this server and tenant', async () => {
    const res = await t.admin<Answer>('GET', '/v1/admin/widget');
    assert.equal(res.status, 200);
    assert.equal(res.body.widget.title, 'Chat with us');
    assert.deepEqual(res.body.widget.allowedOrigins, []);
    assert.deepEqual(res.body.widget.prechatFields.map((f) => f.name), ['name', 'email', 'subject']);
    assert.equal(res.body.snippet, `<script src="${t.url}/widget.js" data-tenant="DEFAULT" async></script>`);
  });

  it('PUT replaces everything, PATCH changes what it names; the public read shows all but the origins', async () => {
    const put = await t.admin<Answer>('PUT', '/v1/admin/widget', { ...SETTINGS, allowedOrigins: ['HTTPS://Shop.Example:443/', 'https://shop.example'] });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    assert.deepEqual(put.body.widget, SETTINGS, 'origins stored in their canonical form, once');

    const patched = await t.admin<Answer>('PATCH', '/v1/admin/widget', { title: 'Acme help' });
    assert.equal(patched.status, 200);
    assert.deepEqual(patched.body.widget, { ...SETTINGS, title: 'Acme help' });
    assert.deepEqual((await t.admin<Answer>('GET', '/v1/admin/widget')).body.widget, { ...SETTINGS, title: 'Acme help' });

    const { allowedOrigins: _hidden, ...appearance } = SETTINGS;
    const visible = await publicRead();
    assert.equal(visible.status, 200);
    assert.deepEqual(visible.body.widget, { ...appearance, title: 'Acme help' });
    const tenant = await t.admin<{ tenant: { contactCenterId: string } }>('GET', '/v1/admin/tenants/DEFAULT');
    assert.deepEqual((await publicRead('', { contactcenterid: tenant.body.tenant.contactCenterId })).body.widget.title, 'Acme help');
  });

  it('refuses invalid settings with E_VALIDATION naming the field, and saves nothing of them', async () => {
    const before = (await t.admin<Answer>('GET', '/v1/admin/widget')).body.widget;
    const field = (over: object) => ({ name: 'x', label: 'X', type: 'text', required: false, ...over });
    const cases: Array<[string, unknown, string]> = [
      ['PATCH', { primaryColor: 'red', title: 'Changed' }, '/primaryColor'],
      ['PATCH', { accentColor: '#12345', title: 'Changed' }, '/accentColor'],
      ['PATCH', { title: '' }, '/title'],
      ['PATCH', { title: 'x'.repeat(61) }, '/title'],
      ['PATCH', { greeting: 'x'.repeat(501) }, '/greeting'],
      ['PATCH', { title: 'Changed', prechatFields: [field({ name: 'a' }), field({ name: 'a' })] }, '/prechatFields/1/name'],
      ['PATCH', { prechatFields: [field({ type: 'select' })] }, '/prechatFields/0/options'],
      ['PATCH', { prechatFields: [field({ options: ['a'] })] }, '/prechatFields/0/options'],
      ['PATCH', { prechatFields: [field({ type: 'select', options: ['a', 'b', 'a'] })] }, '/prechatFields/0/options/2'],
      ['PATCH', { prechatFields: [field({ type: 'date' })] }, '/prechatFields/0/type'],
      ['PATCH', { prechatFields: [field({ name: 'Bad Name' })] }, '/prechatFields/0/name'],
      ['PATCH', { prechatFields: Array.from({ length: 11 }, (_, i) => field({ name: `f${i}` })) }, '/prechatFields'],
      ['PATCH', { title: 'Changed', allowedOrigins: ['https://ok.example', 'https://shop.example/app'] }, '/allowedOrigins/1'],
      ['PATCH', { allowedOrigins: ['https://user@shop.example'] }, '/allowedOrigins/0'],
      ['PATCH', { allowedOrigins: ['shop.example'] }, '/allowedOrigins/0'],
      ['PATCH', { allowedOrigins: ['https://shop.example.'] }, '/allowedOrigins/0'],
      ['PATCH', { colour: '#000000' }, '/colour'],
      // A missing field is reported at the object that lacks it, the message names the fields.
      ['PUT', { title: 'Only a title' }, '/'],
    ];
    for (const [method, body, path] of cases) {
      const res = await t.admin<ErrorAnswer>(method, '/v1/admin/widget', body);
      assert.equal(res.status, 400, `${JSON.stringify(body)}: ${res.status}`);
      assert.equal(res.body.error.code, 'E_VALIDATION');
      assert.equal(res.body.error.path, path, JSON.stringify(res.body));
      if (method === 'PUT') assert.match(res.body.error.message, /primaryColor/);
    }
    assert.deepEqual((await t.admin<Answer>('GET', '/v1/admin/widget')).body.widget, before);
  });

  it('is for admins: an agent may not read or change it; the public read needs a known tenant', async () => {
    for (const method of ['GET', 'PATCH']) {
      const res = await fetch(`${t.url}/v1/admin/widget`, {
        method,
        headers: { authorization: `Bearer ${agent.token}`, 'content-type': 'application/json' },
        ...(method === 'GET' ? {} : { body: JSON.stringify({ title: 'Agent was here' }) }),
      });
      assert.equal(res.status, 403, method);
    }
    const anonymous = await fetch(`${t.url}/v1/admin/widget`);
    assert.equal(anonymous.status, 401);
    assert.equal((await publicRead('domain=NOPE')).body.error?.code, 'E_TENANT_NOT_FOUND');
    assert.notEqual((await t.admin<Answer>('GET', '/v1/admin/widget')).body.widget.title, 'Agent was here');
  });

  it("takes an admin's account token as well as an admin key", async () => {
    const admin = await t.createUser('agent', 'Ada');
    await t.store.accounts.setRole(t.tenantId, admin.id, 'admin');
    const res = await fetch(`${t.url}/v1/admin/widget`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ greeting: 'Set by Ada' }),
    });
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as Answer).widget.greeting, 'Set by Ada');
  });

  it("keeps each tenant's settings apart", async () => {
    const other = await t.admin<{ adminKey: string }>('POST', '/v1/admin/tenants', { domain: 'WIDGETCO' });
    const res = await fetch(`${t.url}/v1/admin/widget`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${other.body.adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'WidgetCo', allowedOrigins: ['https://widgetco.example'] }),
    });
    const body = (await res.json()) as Answer;
    assert.equal(body.widget.title, 'WidgetCo');
    assert.match(body.snippet, /data-tenant="WIDGETCO"/);
    assert.equal((await publicRead('domain=WIDGETCO')).body.widget.title, 'WidgetCo');
    const mine = (await t.admin<Answer>('GET', '/v1/admin/widget')).body.widget;
    assert.notEqual(mine.title, 'WidgetCo');
    assert.deepEqual(mine.allowedOrigins, ['https://shop.example']);
  });
});
