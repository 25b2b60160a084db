import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { browserSkipReason } from './helpers/browser.js';
import { startHostPage, type HostPage } from './helpers/host-page.js';
import { eventually, openVisitor, sdkAgent, startScenario, widgetChatId, type Scenario } from './helpers/scenario.js';

const skip = browserSkipReason();

describe('the widget as the tenant set it up (Chromium)', { skip }, () => {
  let s: Scenario;
  let unlisted: HostPage | undefined;
  before(async () => {
    s = await startScenario();
  });
  after(async () => {
    await unlisted?.close();
    await s?.close();
  });

  it('shows the tenant’s colour, title, greeting and pre-chat fields, and passes the answers to the agent', async () => {
    const saved = await s.t.admin('PATCH', '/v1/admin/widget', {
      primaryColor: '#8b0000',
      title: 'Acme help',
      greeting: 'Hello from Acme!',
      prechatFields: [
        { name: 'name', label: 'Your name', type: 'text', required: true },
        { name: 'topic', label: 'Topic', type: 'select', required: true, options: ['Sizes', 'Returns'] },
        { name: 'order', label: 'Order number', type: 'text', required: false },
      ],
    });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));

    // An agent is available, so the widget offers the pre-chat form (not the offline one).
    await sdkAgent(s, await s.t.createUser('agent', 'Gabriele Verde'));
    const page = await openVisitor(s);
    const launcher = page.getByRole('button', { name: /^Acme help/ });
    await launcher.click();
    await page.getByText('Hello from Acme!').waitFor();
    assert.equal(await launcher.evaluate((el) => getComputedStyle(el).backgroundColor), 'rgb(139, 0, 0)');
    assert.equal(await page.getByRole('heading', { name: 'Acme help' }).isVisible(), true);
    assert.equal(await page.getByLabel('Email').count(), 0, 'the fields the tenant removed are gone');

    await page.getByLabel('Your name').fill('Maria Rossi');
    await page.getByRole('button', { name: 'Start chat' }).click();
    assert.equal(await page.getByRole('alert').textContent(), 'Please fill in Topic');
    await page.getByLabel('Topic').selectOption('Returns');
    await page.getByLabel('Order number (optional)').fill('A-42');
    await page.getByRole('button', { name: 'Start chat' }).click();
    await page.getByRole('textbox', { name: 'Message' }).waitFor();

    const chatId = await widgetChatId(page, s.t.url);
    await eventually(async () => {
      const history = await s.t.admin<{ messages: Array<{ content: { text?: string } }> }>('GET', `/v1/chats/${encodeURIComponent(chatId)}/messages`);
      return history.body.messages.some((m) => m.content.text === 'Topic: Returns\nOrder number: A-42');
    }, 15_000, 'the pre-chat answers in the chat');
  });

  it('on a site the tenant does not list, says chat is not enabled there', async () => {
    unlisted = await startHostPage(s.t.url);
    const context = await s.browser.newContext();
    s.contexts.push(context);
    const page = await context.newPage();
    await page.goto(unlisted.url);
    await page.getByRole('button', { name: /^Chat with us/ }).click();
    await page.getByRole('alert').filter({ hasText: 'Chat is not enabled on this website.' }).waitFor();
  });
});
