import WebSocket from 'ws';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ParleyClient } from '@parley/sdk';
import { startTestServer, type TestServer, type TestUser } from '../../../server/test/helpers/server.js';
import type { Config } from '../../../server/src/config/index.js';
import { launchChromium } from './browser.js';
import { ensureWebBuild } from './web-build.js';
import { startHostPage, type HostPage } from './host-page.js';

/** A real server, Chromium, and the customer's page embedding the widget. */
export interface Scenario {
  t: TestServer;
  browser: Browser;
  host: HostPage;
  /** Contexts and SDK clients opened by the test, closed by `close()`. */
  contexts: BrowserContext[];
  clients: ParleyClient[];
  close(): Promise<void>;
}

/** Starts a scenario: the server with `config` over the test defaults (an owner account, a short token lifetime, SMTP…). */
export async function startScenario(opts: { config?: Partial<Config> } = {}): Promise<Scenario> {
  ensureWebBuild();
  const t = await startTestServer(opts.config ? { config: opts.config } : {});
  const browser = await launchChromium();
  const host = await startHostPage(t.url);
  await allowOrigin(t, host.url);
  const s: Scenario = {
    t,
    browser,
    host,
    contexts: [],
    clients: [],
    async close() {
      for (const c of s.clients) c.disconnect();
      for (const c of s.contexts) await c.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
      await host.close();
      await t.close();
    },
  };
  return s;
}

/** Lists the customer's page among the tenant's allowed origins, through the admin route as an admin would. */
export async function allowOrigin(t: TestServer, pageUrl: string): Promise<void> {
  const res = await t.admin('PATCH', '/v1/admin/widget', { allowedOrigins: [new URL(pageUrl).origin] });
  if (res.status !== 200) throw new Error(`allowing ${pageUrl}: ${res.status} ${JSON.stringify(res.body)}`);
}

/** Records every dialog a page opens (an XSS payload that ran would open one) and dismisses it. */
export function watchDialogs(page: Page, into: string[]): void {
  page.on('dialog', (d) => {
    into.push(`${d.type()}:${d.message()}`);
    void d.dismiss().catch(() => undefined);
  });
}

/** Runs before any page script: records any script an injected payload would run. */
const TRAP = `window.__xss = undefined; window.__dialogs = [];
for (const name of ['alert', 'confirm', 'prompt', 'print']) window[name] = (msg) => { window.__dialogs.push(name + ':' + msg); window.__xss = window.__xss || name; };`;

/** A visitor's tab on the customer's page. */
export async function openVisitor(s: Scenario, dialogs: string[] = []): Promise<Page> {
  const context = await s.browser.newContext({ viewport: { width: 1100, height: 760 } });
  await context.addInitScript(TRAP);
  s.contexts.push(context);
  const page = await context.newPage();
  watchDialogs(page, dialogs);
  await page.goto(s.host.url);
  return page;
}

/** Opens the widget and starts a chat with the pre-chat form. */
export async function startChat(page: Page, name: string, subject = ''): Promise<void> {
  await page.getByRole('button', { name: /^Chat with us/ }).click();
  await page.getByLabel('Name').fill(name);
  if (subject) await page.getByLabel('Subject (optional)').fill(subject);
  await page.getByRole('button', { name: 'Start chat' }).click();
  await page.getByRole('textbox', { name: 'Message' }).waitFor();
}

/** The chat id the widget keeps in localStorage. */
export async function widgetChatId(page: Page, server: string): Promise<string> {
  const id = await page.evaluate((key) => {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as { chatId: string | null }).chatId : null;
  }, `parley:${server}:DEFAULT`);
  if (!id) throw new Error('the widget has no chat');
  return id;
}

/** An agent in the console page, signed in, status set to available. */
export async function openConsole(s: Scenario, agent: TestUser, dialogs: string[] = []): Promise<Page> {
  const context = await s.browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(TRAP);
  s.contexts.push(context);
  const page = await context.newPage();
  watchDialogs(page, dialogs);
  await page.goto(`${s.t.url}/console/#token=${encodeURIComponent(agent.token)}`);
  await page.getByLabel('Status').waitFor();
  await page.getByLabel('Status').selectOption('available');
  await page.locator('.pc-dot-connected').waitFor();
  return page;
}

/** An agent through the SDK (Node), online and available. */
export async function sdkAgent(s: Scenario, agent: TestUser): Promise<ParleyClient> {
  const client = new ParleyClient({ url: s.t.url, token: agent.token, WebSocket });
  s.clients.push(client);
  await client.connect();
  await client.rest.request('/v1/livechat/agents/me', { method: 'PUT', body: { status: 'available' } });
  return client;
}

/** A REST call as a user. */
export async function asUser<T = unknown>(s: Scenario, user: TestUser, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${s.t.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${user.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

/** Waits until `check` holds, polling. */
export async function eventually(check: () => Promise<boolean> | boolean, timeoutMs = 15_000, what = 'condition'): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}
