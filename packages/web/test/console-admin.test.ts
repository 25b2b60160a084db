// The console's admin pages, in Chromium against a real server without SMTP: the owner invites an
// agent (the link shown to copy), the agent joins and sees no Admin entry (the admin routes refuse
// them), the owner changes the agent's role, sets the widget (a bad colour refused under its field
// and nothing saved, a good one saved and shown after a reload), creates an API key shown once and
// revokes it, and reads the audit log; at a phone's width the pages fit in one column.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { browserSkipReason } from './helpers/browser.js';
import { PHONE, apiSignIn, consoleTab, overflowsSideways, signInWithPassword } from './helpers/console-page.js';
import { eventually, startScenario, type Scenario } from './helpers/scenario.js';

const skip = browserSkipReason();
const OWNER = { email: 'olivia@shoes.example', password: 'Green-wellies-in-the-rain' };
const AGENT = { name: 'Gabriele Verde', email: 'gabriele@shoes.example', password: 'Red-sandals-size-forty' };

async function call(s: Scenario, token: string, method: string, path: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${s.t.url}${path}`, { method, headers: { authorization: `Bearer ${token}` } });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** Opens an admin tab from the admin navigation. */
async function openTab(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name, exact: true }).click();
  await page.getByRole('heading', { name, exact: true, level: 2 }).waitFor();
}

describe('the console’s admin pages (Chromium)', { skip }, () => {
  let s: Scenario;
  before(async () => {
    s = await startScenario({ config: { owner: OWNER } });
  });
  after(async () => {
    await s?.close();
  });

  it('owner: invite (link shown), role change, widget settings, an API key shown once and revoked, the audit log; an agent sees none of it', async () => {
    const owner = await consoleTab(s);
    await signInWithPassword(owner, OWNER.email, OWNER.password);
    await owner.getByRole('link', { name: 'Admin' }).click();
    await owner.getByRole('heading', { name: 'Agents', level: 2 }).waitFor();
    await owner.getByRole('listitem', { name: OWNER.email }).waitFor();

    // Invite an agent: no SMTP here, so the page shows the link to pass on.
    const invite = owner.getByRole('form', { name: 'Invite someone' });
    await invite.getByLabel('Email').fill(AGENT.email);
    await invite.getByLabel('Role').selectOption('agent');
    await invite.getByRole('button', { name: 'Send invitation' }).click();
    const link = await owner.getByLabel(`Invitation link for ${AGENT.email}`).inputValue();
    assert.match(link, /\/console\/#\/accept\?token=/);
    await owner.getByRole('list', { name: 'Pending invitations' }).getByText(AGENT.email).waitFor();

    // The agent joins through the link, and is an agent: no Admin entry, and the admin routes refuse them.
    const agent = await consoleTab(s, undefined, link.slice(`${s.t.url}/console/`.length));
    await agent.getByText(AGENT.email).waitFor();
    await agent.getByLabel('Your name').fill(AGENT.name);
    await agent.getByLabel('Password').fill(AGENT.password);
    await agent.getByRole('button', { name: 'Join' }).click();
    await agent.getByLabel('Status').waitFor();
    assert.equal(await agent.getByRole('link', { name: 'Admin' }).count(), 0, 'no Admin entry for an agent');
    await agent.goto(`${s.t.url}/console/#/admin/api-keys`);
    await agent.getByLabel('Status').waitFor();
    assert.equal(await agent.getByRole('navigation', { name: 'Admin' }).count(), 0, 'an admin address shows an agent their chats');
    const agentApi = await apiSignIn(s, AGENT.email, AGENT.password);
    for (const path of ['/v1/admin/accounts', '/v1/admin/api-keys', '/v1/admin/widget', '/v1/admin/audit']) {
      const refused = await call(s, agentApi.accessToken, 'GET', path);
      assert.equal(refused.status, 403, `${path} for an agent: ${refused.status}`);
    }

    // The owner makes the agent a supervisor (the list after a reload: the address keeps the page).
    await owner.reload();
    const row = owner.getByRole('listitem', { name: AGENT.email });
    await row.getByText('active').waitFor();
    await row.getByRole('button', { name: 'Change' }).click();
    await row.getByLabel('Role').selectOption('supervisor');
    await row.getByRole('button', { name: 'Save' }).click();
    await row.locator('[data-field=role]', { hasText: 'Supervisor' }).waitFor();
    const ownerApi = await apiSignIn(s, OWNER.email, OWNER.password);
    const accounts = await call(s, ownerApi.accessToken, 'GET', '/v1/admin/accounts');
    assert.equal(accounts.body.accounts.find((a: { email: string }) => a.email === AGENT.email)?.role, 'supervisor');
    assert.equal(await owner.getByRole('listitem', { name: OWNER.email }).getByRole('button', { name: 'Deactivate' }).count(), 0, 'nobody deactivates themselves');

    // Deactivating asks first (Cancel changes nothing), then the account is deactivated; reactivating brings it back.
    await row.getByRole('button', { name: 'Deactivate' }).click();
    await row.getByRole('button', { name: 'Cancel' }).click();
    await row.getByRole('button', { name: 'Deactivate' }).click();
    await row.getByRole('button', { name: 'Yes, deactivate' }).click();
    await row.getByText('deactivated', { exact: true }).waitFor();
    await row.getByRole('button', { name: 'Reactivate' }).click();
    await row.getByText('active', { exact: true }).waitFor();

    // Widget: a bad colour is refused under its field and nothing is saved; a good one is kept.
    await openTab(owner, 'Widget');
    const before = (await call(s, ownerApi.accessToken, 'GET', '/v1/admin/widget')).body.widget;
    await owner.getByLabel('Primary colour', { exact: true }).fill('red');
    await owner.getByLabel('Title').fill('Not saved');
    await owner.getByRole('button', { name: 'Save widget' }).click();
    const colourError = owner.locator('#pa-w-primary-error');
    await colourError.waitFor();
    assert.equal(await owner.getByLabel('Primary colour', { exact: true }).getAttribute('aria-describedby'), 'pa-w-primary-error', 'the error is tied to its field');
    assert.deepEqual((await call(s, ownerApi.accessToken, 'GET', '/v1/admin/widget')).body.widget, before, 'nothing saved');

    await owner.getByLabel('Primary colour', { exact: true }).fill('#8b0000');
    await owner.getByLabel('Title').fill('Acme help');
    await owner.getByRole('button', { name: 'Add a field' }).click();
    const added = before.prechatFields.length + 1;
    const field = owner.getByRole('listitem', { name: `Field ${added}` });
    await field.getByLabel('Label').fill('Topic');
    await field.getByLabel('Name').fill('topic');
    await field.getByLabel('Type').selectOption('select');
    await field.getByLabel('Choices (one per line)').fill('Sizes\nReturns');
    await owner.getByRole('button', { name: 'Save widget' }).click();
    await owner.getByRole('status').getByText('Saved').waitFor();
    assert.equal(await colourError.count(), 0, 'the error is gone');
    await owner.reload();
    await owner.getByRole('heading', { name: 'Widget', level: 2 }).waitFor();
    assert.equal(await owner.getByLabel('Primary colour', { exact: true }).inputValue(), '#8b0000');
    assert.equal(await owner.getByLabel('Title').inputValue(), 'Acme help');
    const topic = owner.getByRole('listitem', { name: `Field ${added}` });
    assert.equal(await topic.getByLabel('Choices (one per line)').inputValue(), 'Sizes\nReturns');
    assert.match(await owner.getByLabel('Install snippet').inputValue(), /<script/);
    // API keys: the new key is shown once, works, and stops working when revoked.
    await openTab(owner, 'API keys');
    await owner.getByLabel('Key name').fill('deploy script');
    await owner.getByRole('button', { name: 'Create key' }).click();
    const key = await owner.getByLabel('New key "deploy script"').inputValue();
    assert.equal((await call(s, key, 'GET', '/v1/admin/api-keys')).status, 200, 'the new key works');
    await owner.getByRole('button', { name: 'Done' }).click();
    assert.ok(!(await owner.content()).includes(key), 'the key is not shown again');
    const keyRow = owner.getByRole('listitem', { name: 'deploy script' });
    await keyRow.getByRole('button', { name: 'Revoke' }).click();
    await keyRow.getByRole('button', { name: 'Yes, revoke' }).click();
    await keyRow.waitFor({ state: 'detached' });
    assert.equal((await call(s, key, 'GET', '/v1/admin/api-keys')).status, 401, 'the revoked key is refused');

    // The audit log names what happened.
    await openTab(owner, 'Audit log');
    const entries = owner.getByRole('list', { name: 'Audit entries' });
    for (const action of ['auth.login', 'account.invited', 'account.role_changed', 'account.deactivated', 'account.reactivated']) {
      await entries.locator('[data-field=action]', { hasText: action }).first().waitFor();
    }
  });

  it('webhooks: an endpoint added with its secret shown once, paused and resumed, its secret rotated, a delivery replayed; a department added', async () => {
    const page = await consoleTab(s);
    await signInWithPassword(page, OWNER.email, OWNER.password);
    await page.getByRole('link', { name: 'Admin' }).click();
    await openTab(page, 'Webhooks');
    const ownerApi = await apiSignIn(s, OWNER.email, OWNER.password);
    const endpoints = async () => (await call(s, ownerApi.accessToken, 'GET', '/v1/admin/webhooks')).body.endpoints as Array<{ url: string; active: boolean }>;

    await page.getByLabel('Endpoint URL').fill('not a url');
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    await page.locator('#pa-wh-url-error').waitFor();
    assert.deepEqual(await endpoints(), [], 'nothing made');

    const url = 'https://hooks.example.com/parley';
    await page.getByLabel('Endpoint URL').fill(url);
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    const secret = await page.getByLabel(`Signing secret of ${url}`).inputValue();
    assert.ok(secret.length >= 16, 'a secret is shown');
    await page.getByRole('button', { name: 'Done' }).click();
    assert.ok(!(await page.content()).includes(secret), 'the secret is not shown again');

    const row = page.getByRole('listitem', { name: url });
    await row.getByRole('button', { name: 'Pause' }).click();
    await row.getByText('paused by an admin').waitFor();
    assert.equal((await endpoints())[0]?.active, false);
    await row.getByRole('button', { name: 'Resume' }).click();
    await row.getByRole('button', { name: 'Pause' }).waitFor();
    assert.equal((await endpoints())[0]?.active, true);

    await row.getByRole('button', { name: 'Rotate secret' }).click();
    await row.getByRole('button', { name: 'Yes, rotate' }).click();
    const rotated = await page.getByLabel(`Signing secret of ${url}`).inputValue();
    assert.ok(rotated && rotated !== secret, 'a new secret is shown');
    // A visitor's live chat makes an event for the endpoint: its delivery is listed and can be replayed.
    const visitor = (await (
      await fetch(`${s.t.url}/v1/livechat/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ domain: 'DEFAULT', nickname: 'Maria Rossi' }) })
    ).json()) as { token: string };
    const opened = await fetch(`${s.t.url}/v1/livechat/chats`, {
      method: 'POST',
      headers: { authorization: `Bearer ${visitor.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ subject: 'Sizes' }),
    });
    assert.equal(opened.status, 201);
    await row.getByRole('button', { name: 'Deliveries' }).click();
    const deliveries = page.getByRole('list', { name: `Deliveries to ${url}` });
    await eventually(async () => {
      await row.getByRole('button', { name: 'Refresh' }).click();
      return (await deliveries.getByRole('button', { name: 'Replay' }).count()) > 0;
    }, 15_000, 'a delivery listed');
    assert.equal(await deliveries.getByText(/^replay of /).count(), 0);
    await deliveries.getByRole('button', { name: 'Replay' }).first().click();
    await deliveries.getByText(/^replay of /).waitFor();
    await openTab(page, 'Departments');
    await page.getByLabel('Department name').fill('Returns');
    await page.getByLabel('Routing', { exact: true }).last().selectOption('manual');
    await page.getByRole('button', { name: 'Add department' }).click();
    await page.getByRole('form', { name: 'Department Returns' }).waitFor();
    const departments = (await call(s, ownerApi.accessToken, 'GET', '/v1/livechat/departments')).body.departments as Array<{ name: string; routing: string }>;
    assert.deepEqual(departments.map((d) => [d.name, d.routing]), [['Returns', 'manual']]);
  });

  it('at a phone’s width the admin pages are one column with nothing scrolling sideways', async () => {
    const page = await consoleTab(s, PHONE);
    await signInWithPassword(page, OWNER.email, OWNER.password);
    for (const tab of ['agents', 'widget', 'api-keys', 'audit', 'webhooks', 'departments']) {
      await page.goto(`${s.t.url}/console/#/admin/${tab}`);
      await page.locator('.pa-page h2').waitFor();
      await eventually(async () => !(await overflowsSideways(page)), 5_000, `${tab} fits the phone's width`);
    }
  });
});
