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
