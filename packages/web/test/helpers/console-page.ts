import type { Page } from 'playwright-core';
import type { TestUser } from '../../../server/test/helpers/server.js';
import { watchDialogs, type Scenario } from './scenario.js';

/** A phone's viewport (an iPhone 14's CSS pixels). */
export const PHONE = { width: 390, height: 844 };

/** A console tab of its own browser context (its own cookies), at `viewport`, on `path` of /console/. */
export async function consoleTab(s: Scenario, viewport = { width: 1280, height: 800 }, path = '', dialogs: string[] = []): Promise<Page> {
  const context = await s.browser.newContext({ viewport, ...(viewport.width < 700 ? { isMobile: true, hasTouch: true } : {}) });
  s.contexts.push(context);
  const page = await context.newPage();
  watchDialogs(page, dialogs);
  await page.goto(`${s.t.url}/console/${path}`);
  return page;
}

/** A console signed in with a pasted access token (`#token=…`), the agent's status left as it is. */
export async function consoleWithToken(s: Scenario, agent: TestUser, viewport = { width: 1280, height: 800 }): Promise<Page> {
  const page = await consoleTab(s, viewport, `#token=${encodeURIComponent(agent.token)}`);
  await page.getByLabel('Status').waitFor();
  return page;
}

/** Whether the page is wider than its viewport (a phone would scroll sideways). */
export function overflowsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth || document.body.scrollWidth > window.innerWidth);
}

/** Signs in on the console's sign-in page and waits for the console. */
export async function signInWithPassword(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByLabel('Status').waitFor();
}

/** Signs in through the API for a script (`session: 'token'`): another session of the same account. */
export async function apiSignIn(s: Scenario, email: string, password: string): Promise<{ accessToken: string; refreshToken: string; user: { id: string } }> {
  const res = await fetch(`${s.t.url}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password, session: 'token' }),
  });
  const body = (await res.json()) as { accessToken: string; refreshToken: string; user: { id: string } };
  if (res.status !== 200) throw new Error(`login: ${res.status} ${JSON.stringify(body)}`);
  return body;
}
