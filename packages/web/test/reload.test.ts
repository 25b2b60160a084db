import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { browserSkipReason } from './helpers/browser.js';
import { asUser, eventually, openVisitor, sdkAgent, startChat, startScenario, widgetChatId, type Scenario } from './helpers/scenario.js';

const skip = browserSkipReason();

/** The texts of the bubbles the widget shows, in order, with their seqs. */
async function shown(page: Page): Promise<{ seq: number; text: string }[]> {
  return page.evaluate(() => {
    const root = document.getElementById('parley-widget')?.shadowRoot;
    return [...(root?.querySelectorAll<HTMLElement>('.pw-msg[data-seq][data-type=TEXT]') ?? [])].map((el) => ({
      seq: Number(el.dataset.seq),
      text: el.querySelector('.pw-text')?.textContent ?? '',
    }));
  });
}

describe('the widget across reloads and reconnects (Chromium)', { skip }, () => {
  let s: Scenario;
  before(async () => {
    s = await startScenario();
  });
  after(async () => {
    await s?.close();
  });

  it('a reload in the middle of a conversation loses nothing and shows nothing twice', async () => {
    const agentUser = await s.t.createUser('agent', 'Agent Reload');
    const agent = await sdkAgent(s, agentUser);
    const visitor = await openVisitor(s);
    await startChat(visitor, 'Reload Tester');
    const chatId = await widgetChatId(visitor, s.t.url);
    const box = visitor.getByRole('textbox', { name: 'Message' });
    const say = async (text: string) => {
      await box.fill(text);
      await box.press('Enter');
    };
    const agentSays = (text: string) => agent.send({ chatId, messageType: 'TEXT', content: { text } });
    const expected: string[] = [];

    await eventually(async () => (await agent.chats()).some((c) => c.id === chatId), 10_000, 'the chat routed to the agent');
    for (const text of ['v1', 'v2']) {
      await say(text);
      expected.push(text);
      await visitor.locator('.pw-msg[data-seq]', { hasText: text }).waitFor();
    }
    for (const text of ['a1', 'a2']) {
      await agentSays(text);
      expected.push(text);
    }
    await visitor.locator('.pw-msg', { hasText: 'a2' }).waitFor();

    // Reload while the agent keeps writing.
    const reloading = visitor.reload();
    for (const text of ['a3', 'a4']) {
      await agentSays(text);
      expected.push(text);
    }
    await reloading;
    await visitor.getByRole('button', { name: /^Chat with us/ }).click();
    await visitor.locator('.pw-msg', { hasText: 'a4' }).waitFor();

    // A send interrupted by a reload goes out once, after it.
    await say('v3');
    expected.push('v3');
    await visitor.reload();
    await visitor.getByRole('button', { name: /^Chat with us/ }).click();
    await visitor.locator('.pw-msg[data-seq]', { hasText: 'v3' }).waitFor();

    // The network drops and comes back: the widget resumes and catches up.
    await visitor.context().setOffline(true);
    for (const text of ['a5', 'a6']) {
      await agentSays(text);
      expected.push(text);
    }
    await visitor.context().setOffline(false);
    await visitor.locator('.pw-msg', { hasText: 'a6' }).waitFor({ timeout: 40_000 });
    await say('v4');
    expected.push('v4');
    await visitor.locator('.pw-msg[data-seq]', { hasText: 'v4' }).waitFor();

    const list = await shown(visitor);
    const texts = list.map((x) => x.text);
    assert.deepEqual([...texts].sort(), [...expected].sort(), `shown: ${texts.join(' ')}`);
    const seqs = list.map((x) => x.seq);
    assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b), 'in seq order');
    assert.equal(new Set(seqs).size, seqs.length, 'no seq twice');
    // The server stored each once.
    const { messages } = await asUser<{ messages: { messageType: string; content: { text?: string } }[] }>(s, agentUser, 'GET', `/v1/chats/${chatId}/messages?limit=100`);
    const stored = messages.filter((m) => m.messageType === 'TEXT').map((m) => m.content.text);
    assert.deepEqual([...stored].sort(), [...expected].sort());
  });
});
