// The whole way of a team, in Chromium against a real server and a real SMTP server: the first run's
// set-up link makes the owner, who invites an agent by mail; the agent accepts in the console,
// answers a visitor, is deactivated by the owner and finds themselves signed out within seconds,
// their chat back in the queue; signing in again is refused, and repeated failures are throttled.
// Last, the owner resets a forgotten password through the mailed link.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSmtp, linkIn, type TestSmtp } from '../../server/test/helpers/smtp.js';
import { loadConfig } from '../../server/src/config/index.js';
import { browserSkipReason } from './helpers/browser.js';
import { apiSignIn, consoleTab } from './helpers/console-page.js';
import { openVisitor, startChat, startScenario, type Scenario } from './helpers/scenario.js';

const skip = browserSkipReason();
const OWNER = { name: 'Olivia Owner', email: 'olivia@shoes.example', password: 'Green-wellies-in-the-rain' };
const AGENT = { name: 'Gabriele Verde', email: 'gabriele@shoes.example', password: 'Red-sandals-size-forty' };

describe('a team: set-up, invitation by mail, an agent at work, deactivated (Chromium)', { skip }, () => {
  let s: Scenario;
  let smtp: TestSmtp;
  before(async () => {
    smtp = await startTestSmtp();
    s = await startScenario({ config: { mail: { ...loadConfig({}).mail, smtpUrl: smtp.url } } });
  });
  after(async () => {
    await s?.close();
    await smtp?.close();
  });

  it('first run → invite → accept → answer a visitor → deactivate → signed out within seconds', async () => {
    // The link `parley start` prints on an empty data folder.
    const setupLink = await s.t.server.services.accounts.setup.issueSetupLink(s.t.server.bootstrap.tenant, s.t.url);
    assert.ok(setupLink, 'a set-up link while there is no owner');
    const owner = await consoleTab(s, undefined, setupLink.slice(`${s.t.url}/console/`.length));
    await owner.getByRole('form', { name: 'Set up Parley' }).waitFor();
    // A weak password is refused under its field, and the link still works after.
    await owner.getByLabel('Your name').fill(OWNER.name);
    await owner.getByLabel('Email').fill(OWNER.email);
    await owner.getByLabel('Password').fill('olivia1234');
    await owner.getByRole('button', { name: 'Create the account' }).click();
    await owner.locator('#pc-setup-password-error').waitFor();
    await owner.getByLabel('Password').fill(OWNER.password);
    await owner.getByRole('button', { name: 'Create the account' }).click();
    await owner.getByLabel('Status').waitFor();
    assert.doesNotMatch(owner.url(), /token=/, 'the secret left the address bar');
    await owner.getByRole('button', { name: new RegExp(OWNER.name) }).waitFor();

    // The owner invites an agent; the invitation arrives by mail.
    const ownerApi = await apiSignIn(s, OWNER.email, OWNER.password);
    const invited = await fetch(`${s.t.url}/v1/admin/invitations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ownerApi.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ email: AGENT.email, role: 'agent' }),
    });
    const invitation = (await invited.json()) as { mailed: boolean; link?: string };
    assert.equal(invited.status, 201, JSON.stringify(invitation));
    assert.equal(invitation.mailed, true);
    assert.equal(invitation.link, undefined, 'with SMTP the link goes by mail only');
    const mail = await smtp.waitFor((m) => m.envelopeTo.includes(AGENT.email));
    const acceptLink = linkIn(mail, '#/accept');

    // The agent accepts in the console: the page names the email, they choose a name and password.
    const agent = await consoleTab(s, undefined, acceptLink.slice(`${s.t.url}/console/`.length));
    await agent.getByText(AGENT.email).waitFor();
    await agent.getByLabel('Your name').fill(AGENT.name);
    await agent.getByLabel('Password').fill(AGENT.password);
    await agent.getByRole('button', { name: 'Join' }).click();
    await agent.getByLabel('Status').waitFor();
    await agent.getByLabel('Status').selectOption('available');
    await agent.locator('.pc-dot-connected').waitFor();

    // A visitor's chat reaches the agent, who answers.
    const visitor = await openVisitor(s);
    await startChat(visitor, 'Maria Rossi');
    await agent.getByRole('list', { name: 'My chats' }).getByRole('button', { name: /Maria Rossi/ }).click();
    const box = agent.getByRole('textbox', { name: 'Message' });
    await box.fill('Hello Maria, how can I help?');
    await box.press('Enter');
    await visitor.locator('.pw-msg.pw-theirs', { hasText: 'Hello Maria, how can I help?' }).waitFor();

    // The owner deactivates the agent: the agent's console is signed out within seconds.
    const accounts = await fetch(`${s.t.url}/v1/admin/accounts`, { headers: { authorization: `Bearer ${ownerApi.accessToken}` } });
    const list = (await accounts.json()) as { accounts: { userId: string; email: string; status: string }[] };
    const agentAccount = list.accounts.find((a) => a.email === AGENT.email);
    assert.equal(agentAccount?.status, 'active');
    const deactivated = await fetch(`${s.t.url}/v1/admin/accounts/${encodeURIComponent(agentAccount.userId)}/deactivate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ownerApi.accessToken}` },
    });
    assert.equal(deactivated.status, 200, await deactivated.text());
    await agent.getByRole('form', { name: 'Sign in' }).waitFor({ timeout: 15_000 });
    await agent.getByRole('status').filter({ hasText: 'Your session has ended' }).waitFor();

    // Their chat is back in the queue, named by its visitor.
    await owner.getByRole('list', { name: 'Queue' }).getByRole('button', { name: /Maria Rossi/ }).waitFor();

    // Signing in again is refused with the one answer; after five failures, the form says to wait.
    await agent.getByLabel('Email').fill(AGENT.email);
    await agent.getByLabel('Password').fill(AGENT.password);
    await agent.getByRole('button', { name: 'Sign in', exact: true }).click();
    await agent.getByRole('alert').filter({ hasText: 'Email or password is incorrect' }).waitFor();
    for (let i = 0; i < 5; i++) {
      await agent.getByRole('button', { name: 'Sign in', exact: true }).click();
      await agent.getByRole('button', { name: 'Sign in', exact: true }).and(agent.locator(':enabled')).waitFor();
    }
    await agent.getByRole('alert').filter({ hasText: /Too many attempts\. Try again in \d+ seconds?\./ }).waitFor();

    // The owner forgot their password: a reset link by mail, a new password, every session ended.
    await owner.getByRole('button', { name: new RegExp(OWNER.name) }).click();
    await owner.getByRole('menuitem', { name: 'Sign out', exact: true }).click();
    await owner.getByRole('button', { name: 'Forgot password?' }).click();
    await owner.getByLabel('Email').fill(OWNER.email);
    await owner.getByRole('button', { name: 'Send the link' }).click();
    await owner.getByText(`If an account exists for ${OWNER.email}`).waitFor();
    const resetMail = await smtp.waitFor((m) => m.envelopeTo.includes(OWNER.email) && m.text.includes('#/reset'));
    await owner.goto(linkIn(resetMail, '#/reset'));
    await owner.getByText(`For ${OWNER.email}.`).waitFor();
    const newPassword = 'Blue-boots-for-the-snow';
    await owner.getByRole('textbox', { name: 'New password' }).fill(newPassword);
    await owner.getByRole('button', { name: 'Save the password' }).click();
    await owner.getByRole('button', { name: 'Go to sign-in' }).click();
    const ownerApiAfter = await fetch(`${s.t.url}/v1/auth/me`, { headers: { authorization: `Bearer ${ownerApi.accessToken}` } });
    assert.equal(ownerApiAfter.status, 401, "the script's session ended with the reset");
    await owner.getByLabel('Email').fill(OWNER.email);
    await owner.getByLabel('Password').fill(newPassword);
    await owner.getByRole('button', { name: 'Sign in', exact: true }).click();
    await owner.getByLabel('Status').waitFor();
  });
});
