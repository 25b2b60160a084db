import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { browserSkipReason } from './helpers/browser.js';
import { asUser, openConsole, openVisitor, startChat, startScenario, widgetChatId, type Scenario } from './helpers/scenario.js';

const skip = browserSkipReason();
// The README's screenshots are refreshed on request only; a plain test run writes nothing tracked.
const shots = process.env.PARLEY_UPDATE_SCREENSHOTS === '1'
  ? fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url))
  : `${mkdtempSync(join(tmpdir(), 'parley-shots-'))}/`;

describe('a visitor and an agent chat (Chromium)', { skip }, () => {
  let s: Scenario;
  before(async () => {
    s = await startScenario();
  });
  after(async () => {
    await s?.close();
  });

  it('the widget and the console talk to each other, with typing, ticks and unread counts', async () => {
    const agent = await s.t.createUser('agent', 'Gabriele Verde');
    const consolePage = await openConsole(s, agent);
    const visitor = await openVisitor(s);

    // The page's own styles are untouched: the widget lives in a shadow root.
    const hostFont = await visitor.evaluate(() => getComputedStyle(document.body).fontFamily);
    assert.match(hostFont, /Georgia/);

    await startChat(visitor, 'Maria Rossi', 'Shoe sizes');
    // The chat is routed to the available agent: it shows among their chats.
    await consolePage.getByRole('list', { name: 'My chats' }).getByRole('button', { name: /Shoe sizes/ }).click();
    await consolePage.getByText('Maria Rossi', { exact: true }).first().waitFor();

    await visitor.getByRole('textbox', { name: 'Message' }).fill('Hello, do you have size 38?');
    await visitor.keyboard.press('Enter');
    await consolePage.locator('.pw-msg.pw-theirs', { hasText: 'Hello, do you have size 38?' }).waitFor();

    // A reaction from the agent folds into the visitor's message (REACTION bubbles are not shown).
    const visitorMessageId = await consolePage.locator('.pw-msg.pw-theirs', { hasText: 'Hello, do you have size 38?' }).getAttribute('data-id');
    const chatId = await widgetChatId(visitor, s.t.url);
    await asUser(s, agent, 'POST', `/v1/chats/${chatId}/messages`, { messageType: 'REACTION', replyTo: visitorMessageId, content: { emoji: '👍' } });
    await visitor.locator('.pw-msg.pw-mine .pw-reactions li', { hasText: '👍' }).waitFor();
    await consolePage.locator('.pw-msg.pw-theirs .pw-reactions li', { hasText: '👍' }).waitFor();
    assert.equal(await visitor.locator('.pw-msg[data-type=REACTION]').count(), 0);

    // Typing indicator in the widget while the agent writes.
    const box = consolePage.getByRole('textbox', { name: 'Message' });
    await box.pressSequentially('Let me check', { delay: 20 });
    await visitor.getByText(/Gabriele Verde is typing/).waitFor();
    await box.fill('Yes, we have size 38 in black and brown.');
    await box.press('Enter');
    await visitor.locator('.pw-msg.pw-theirs', { hasText: 'Yes, we have size 38 in black and brown.' }).waitFor();

    // The visitor has the panel open: the agent's message is seen, and the agent sees the tick.
    await consolePage.locator('.pw-mine .pw-tick-seen').first().waitFor();
    // The visitor's own message shows as seen by the agent.
    await visitor.locator('.pw-mine .pw-tick-seen').first().waitFor();

    // Closed panel: a new message raises the unread badge on the launcher.
    await visitor.getByRole('button', { name: 'Minimise chat' }).click();
    await box.fill('Anything else I can help with?');
    await box.press('Enter');
    await visitor.getByRole('button', { name: /Chat with us, 1 unread/ }).waitFor();
    await visitor.getByRole('button', { name: /Chat with us/ }).click();
    await visitor.getByRole('button', { name: 'Chat with us' }).waitFor();

    // Canned responses (the team's, from the server) fill the box, the visitor's name filled in;
    // `/shortcut` and Tab in the box does the same.
    const canned = await s.t.admin('POST', '/v1/canned-responses', { shortcut: 'bye', text: 'Thank you for contacting us, {{visitor.name}}. Have a nice day!', scope: 'team' });
    assert.equal(canned.status, 201, JSON.stringify(canned.body));
    const filled = 'Thank you for contacting us, Maria Rossi. Have a nice day!';
    await consolePage.getByRole('button', { name: 'Canned responses' }).click();
    await consolePage.getByRole('button', { name: 'Thank you for contacting us, {{visitor.name}}. Have a nice day!', exact: true }).click();
    assert.equal(await box.inputValue(), filled);
    await box.fill('/bye');
    await box.press('Tab');
    assert.equal(await box.inputValue(), filled);
    await box.press('Enter');
    await visitor.locator('.pw-msg.pw-theirs', { hasText: 'Have a nice day!' }).waitFor();

    // Visitor details (seed 000's user object) in the console.
    const details = consolePage.getByRole('complementary', { name: 'Visitor details' });
    await details.getByText('web', { exact: true }).waitFor();
    await details.getByText(s.host.url).waitFor();

    await visitor.screenshot({ path: `${shots}widget.png` });
    await consolePage.screenshot({ path: `${shots}console.png` });

    // The agent ends the chat: the widget says so and offers the transcript.
    await consolePage.getByRole('button', { name: 'End chat' }).click();
    await visitor.getByText('This chat has ended.').waitFor();
    const download = visitor.waitForEvent('download');
    await visitor.getByRole('button', { name: 'Download transcript' }).click();
    const file = await download;
    assert.equal(file.suggestedFilename(), 'chat-transcript.html');
  });

  it('offers the offline form when no agent is available', async () => {
    const visitor = await openVisitor(s);
    // The agent of the first test signed off with its page closed.
    for (const c of s.contexts.slice(0, -1)) await c.close();
    await visitor.getByRole('button', { name: /^Chat with us/ }).click();
    await visitor.getByText('Nobody is available right now', { exact: false }).waitFor();
    await visitor.getByLabel('Name').fill('Luca');
    await visitor.getByRole('textbox', { name: 'Email' }).fill('luca@example.com');
    await visitor.getByRole('textbox', { name: 'Message' }).fill('Please call me back');
    await visitor.getByRole('button', { name: 'Send message' }).click();
    await visitor.getByText('We received your message', { exact: false }).waitFor();
    const { body } = await s.t.admin<{ messages: { name: string; text: string }[] }>('GET', '/v1/livechat/offline-messages');
    assert.ok(body.messages.some((m) => m.name === 'Luca' && m.text === 'Please call me back'));
  });
});
