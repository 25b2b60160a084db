// People sign in to the console with an email and a password: field errors and the server's refusal
// as text, the access token in memory only, a silent sign-in on reload through the HttpOnly refresh
// cookie, sessions listed and ended, sign-out; the session renews itself past the access token's
// lifetime while the agent works; a session the server ended returns to sign-in with the drafts kept.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { browserSkipReason } from './helpers/browser.js';
import { apiSignIn, consoleTab, signInWithPassword } from './helpers/console-page.js';
import { eventually, openVisitor, startChat, startScenario, type Scenario } from './helpers/scenario.js';

const skip = browserSkipReason();
const OWNER = { email: 'owner@shoes.example', password: 'Brown-suede-loafers-42' };
/** The shortest access token the server issues: the console renews it every few seconds. */
const TOKEN_TTL_SECONDS = 10;

/** Counts the console's answered refreshes (each one renewed the access token). */
function countRefreshes(page: Page): { ok: number; refused: number } {
  const seen = { ok: 0, refused: 0 };
  page.on('response', (res) => {
    if (!res.url().endsWith('/v1/auth/refresh')) return;
    if (res.status() === 200) seen.ok++;
    else seen.refused++;
  });
  return seen;
}

describe('signing in to the console (Chromium)', { skip }, () => {
  let s: Scenario;
  before(async () => {
    s = await startScenario({ config: { owner: OWNER, tokenTtlSeconds: TOKEN_TTL_SECONDS } });
  });
  after(async () => {
    await s?.close();
  });

  it('email and password: field errors, the refusal as text, a silent sign-in on reload, sessions, sign-out', async () => {
    const page = await consoleTab(s);
    const form = page.getByRole('form', { name: 'Sign in' });
    await form.waitFor();

    // Nothing typed: each field says what it needs; nothing went to the server.
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByText('Enter your email address').waitFor();
    await page.getByText('Enter your password').waitFor();

    // A wrong password: the server's answer, as text.
    await page.getByLabel('Email').fill(OWNER.email);
    await page.getByLabel('Password').fill('not-the-password-at-all');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Email or password is incorrect' }).waitFor();

    await signInWithPassword(page, OWNER.email, OWNER.password);
    // The access token lives in memory only; the refresh secret in an HttpOnly cookie the page cannot read.
    const stored = await page.evaluate(() => JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)]));
    assert.doesNotMatch(stored, /eyJ/, 'no token in web storage');
    const cookies = await page.context().cookies();
    const refresh = cookies.find((c) => c.name === 'parley_refresh');
    assert.ok(refresh, 'the refresh cookie is set');
    assert.equal(refresh.httpOnly, true);
    assert.equal(refresh.sameSite, 'Strict');
    assert.equal(await page.evaluate(() => document.cookie.includes('parley_refresh')), false);

    // A reload signs in again without the form.
    await page.reload();
    await page.getByLabel('Status').waitFor();
    assert.equal(await form.count(), 0);

    // Sessions: this browser, and a script's session that can be ended from here.
    const script = await apiSignIn(s, OWNER.email, OWNER.password);
    await page.getByRole('button', { name: /▾/ }).click();
    await page.getByRole('menuitem', { name: 'Sessions' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('menuitem', { name: 'Sessions' }).waitFor({ state: 'detached' });
    await page.getByRole('button', { name: /▾/ }).click();
    await page.getByRole('menuitem', { name: 'Sessions' }).click();
    const list = page.getByRole('list', { name: 'Signed-in sessions' });
    await eventually(async () => (await list.getByRole('listitem').count()) === 2, 10_000, 'two sessions');
    await list.getByText('this browser').waitFor();
    await list.getByRole('button', { name: /^End the session/ }).click();
    await eventually(async () => (await list.getByRole('listitem').count()) === 1, 10_000, 'the other session ended');
    const revoked = await fetch(`${s.t.url}/v1/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: script.refreshToken }),
    });
    assert.equal(revoked.status, 401, 'the ended session cannot renew its token');
    await page.getByRole('button', { name: 'Close' }).click();

    // Sign out: back to the form, and a reload does not sign in again.
    await page.getByRole('button', { name: /▾/ }).click();
    await page.getByRole('menuitem', { name: 'Sign out', exact: true }).click();
    await form.waitFor();
    await page.reload();
    await form.waitFor();
    assert.equal(await page.getByLabel('Status').count(), 0);
  });

  it('the agent keeps working past the access token’s lifetime: it renews silently, never signed out', async () => {
    const page = await consoleTab(s);
    await signInWithPassword(page, OWNER.email, OWNER.password);
    // Counted from here: the page's first look for a session (no cookie yet) was refused, as it should.
    const refreshes = countRefreshes(page);
    await page.getByLabel('Status').selectOption('available');
    const visitor = await openVisitor(s);
    await startChat(visitor, 'Maria Rossi');
    await page.getByRole('list', { name: 'My chats' }).getByRole('button', { name: /Maria Rossi/ }).click();
    const box = page.getByRole('textbox', { name: 'Message' });
    await box.waitFor();

    // Three renewals: well past one token's life. The sign-in form never shows meanwhile.
    await eventually(
      async () => {
        assert.equal(await page.getByRole('form', { name: 'Sign in' }).count(), 0, 'never signed out');
        return refreshes.ok >= 3;
      },
      TOKEN_TTL_SECONDS * 4_000,
      'three renewals of the access token',
    );
    assert.equal(refreshes.refused, 0, 'no renewal was refused');

    // Both ways still work: REST and the socket with the renewed tokens.
    await visitor.getByRole('textbox', { name: 'Message' }).fill('Are you still there?');
    await visitor.getByRole('textbox', { name: 'Message' }).press('Enter');
    await page.locator('.pw-msg.pw-theirs', { hasText: 'Are you still there?' }).waitFor();
    await box.fill('Yes, still here.');
    await box.press('Enter');
    await visitor.locator('.pw-msg.pw-theirs', { hasText: 'Yes, still here.' }).waitFor();
    await page.locator('.pc-dot-connected').waitFor();
    assert.equal(await page.getByRole('form', { name: 'Sign in' }).count(), 0);
  });

  it('a session the server ended: back to sign-in with a message, the draft still there after signing in', async () => {
    const page = await consoleTab(s);
    await signInWithPassword(page, OWNER.email, OWNER.password);
    await page.getByLabel('Status').selectOption('available');
    const visitor = await openVisitor(s);
    await startChat(visitor, 'Luca Bianchi');
    const mine = page.getByRole('list', { name: 'My chats' });
    await mine.getByRole('button', { name: /Luca Bianchi/ }).click();
    const box = page.getByRole('textbox', { name: 'Message' });
    await box.fill('I am checking the stock for you, one');

    // Signed out everywhere from a script (say, a stolen laptop): every session and token ends.
    const script = await apiSignIn(s, OWNER.email, OWNER.password);
    const out = await fetch(`${s.t.url}/v1/auth/logout-all`, { method: 'POST', headers: { authorization: `Bearer ${script.accessToken}`, 'content-type': 'application/json' }, body: '{}' });
    assert.equal(out.status, 204);

    await page.getByRole('form', { name: 'Sign in' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Your session has ended' }).waitFor();
    await signInWithPassword(page, OWNER.email, OWNER.password);
    await mine.getByRole('button', { name: /Luca Bianchi/ }).click();
    await eventually(async () => (await box.inputValue()) === 'I am checking the stock for you, one', 10_000, 'the draft back in the box');
  });
});
