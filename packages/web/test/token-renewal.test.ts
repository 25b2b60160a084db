import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { loadConfig } from '../../server/src/config/index.js';
import { browserSkipReason } from './helpers/browser.js';
import { eventually, openVisitor, sdkAgent, startChat, startScenario, widgetChatId, type Scenario } from './helpers/scenario.js';

const skip = browserSkipReason();
/** Visitor tokens live 10 s here (24 h by default): the widget must outlive several of them. */
const TTL_SECONDS = 10;

/** The visitor session the widget keeps in localStorage. */
async function storedSession(page: Page, server: string): Promise<{ token: string; expiresAt: number }> {
  return page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? 'null') as { token: string; expiresAt: number }, `parley:${server}:DEFAULT`);
}

/** The texts of the TEXT bubbles the widget shows, in order. */
async function shownTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const root = document.getElementById('parley-widget')?.shadowRoot;
    return [...(root?.querySelectorAll<HTMLElement>('.pw-msg[data-seq][data-type=TEXT]') ?? [])].map((el) => el.querySelector('.pw-text')?.textContent ?? '');
  });
}

describe('the widget outlives its visitor token (Chromium)', { skip }, () => {
  let s: Scenario;
  before(async () => {
    const defaults = loadConfig({});
    s = await startScenario({ config: { livechat: { ...defaults.livechat, visitorTokenTtlSeconds: TTL_SECONDS } } });
  });
  after(async () => {
    await s?.close();
  });

  it('stays on one connection across two token lifetimes: the session renewed, the socket re-authenticated in band', async () => {
    const agent = await sdkAgent(s, await s.t.createUser('agent', 'Agent Renew'));
    const visitor = await openVisitor(s);
    const sockets: string[] = [];
    visitor.on('websocket', (ws) => sockets.push(ws.url()));
    await startChat(visitor, 'Long Stayer');
    const chatId = await widgetChatId(visitor, s.t.url);
    const first = await storedSession(visitor, s.t.url);
    assert.ok(first.expiresAt - Date.now() <= TTL_SECONDS * 1000, 'the short visitor token of this test');
    await eventually(async () => (await agent.chats()).some((c) => c.id === chatId), 10_000, 'the chat routed to the agent');

    // The agent writes every second until the first two visitor tokens have expired.
    const sent: string[] = [];
    for (let i = 1; Date.now() < first.expiresAt + TTL_SECONDS * 1000 + 2_000; i++) {
      // Closed by '!', so no text is found inside another one followed by its time ('a2' + '21:05').
      const text = `a${i}!`;
      await agent.send({ chatId, messageType: 'TEXT', content: { text } });
      sent.push(text);
      await new Promise((r) => setTimeout(r, 1_000));
    }
    await visitor.locator('.pw-msg', { hasText: sent.at(-1) }).waitFor();

    assert.deepEqual(await shownTexts(visitor), sent, 'every message once, in order');
    assert.equal(sockets.length, 1, `one WebSocket for the whole time, not a reconnect per token: ${sockets.length}`);
    const now = await storedSession(visitor, s.t.url);
    assert.notEqual(now.token, first.token);
    assert.ok(now.expiresAt > first.expiresAt + TTL_SECONDS * 1000, 'the visitor session was renewed more than once');
    // The visitor is still who they were, and the server still takes their messages.
    const box = visitor.getByRole('textbox', { name: 'Message' });
    await box.fill('still here');
    await box.press('Enter');
    await visitor.locator('.pw-msg[data-seq]', { hasText: 'still here' }).waitFor();
    assert.equal(await widgetChatId(visitor, s.t.url), chatId);
  });
});
