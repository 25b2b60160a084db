// The console on a phone (390 × 844): one column, the chat full-screen with a back button, the
// visitor's details behind a button, nothing wider than the screen; the queue names the visitor and
// shows their last message, the transfer picker names the agents.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { browserSkipReason } from './helpers/browser.js';
import { consoleWithToken, overflowsSideways, PHONE } from './helpers/console-page.js';
import { openVisitor, sdkAgent, startScenario, type Scenario } from './helpers/scenario.js';

const skip = browserSkipReason();
const shots = process.env.PARLEY_SHOTS_DIR ?? mkdtempSync(join(tmpdir(), 'parley-shots-'));

describe('the console at phone width (Chromium)', { skip }, () => {
  let s: Scenario;
  before(async () => {
    s = await startScenario();
  });
  after(async () => {
    await s?.close();
  });

  it('one column: the queue by name, a chat full-screen with a back button, the visitor behind a button', async () => {
    const agent = await s.t.createUser('agent', 'Gabriele Verde');
    const colleague = await s.t.createUser('agent', 'Ada Lovelace');
    await sdkAgent(s, colleague);
    const phone = await consoleWithToken(s, agent, PHONE);
    await phone.getByLabel('Status').selectOption('away');
    await phone.locator('.pc-dot-connected').waitFor();

    // The widget offers a chat while the colleague is available; they step away before it starts,
    // so it waits in the queue for an agent to pick it.
    const visitor = await openVisitor(s);
    await visitor.getByRole('button', { name: /^Chat with us/ }).click();
    await visitor.getByLabel('Name').fill('Maria Rossi');
    await s.t.admin('PUT', `/v1/livechat/agents/${colleague.id}`, { status: 'away' });
    await visitor.getByRole('button', { name: 'Start chat' }).click();
    await visitor.getByRole('textbox', { name: 'Message' }).fill('Do you have size 38 in brown?');
    await visitor.getByRole('textbox', { name: 'Message' }).press('Enter');

    // The queue names the visitor and shows what they wrote, not an id.
    const queued = phone.getByRole('list', { name: 'Queue' }).getByRole('button', { name: /Maria Rossi/ });
    await queued.getByText('Do you have size 38 in brown?').waitFor();
    assert.equal(await overflowsSideways(phone), false, 'the chat list fits the screen');
    assert.equal(await phone.getByRole('button', { name: '← Chats' }).count(), 0, 'no back button on the list');
    await phone.screenshot({ path: join(shots, 'console-phone-list.png') });

    // Tapping the chat opens it full-screen: the list is gone, a back button is there.
    await queued.click();
    await phone.getByRole('button', { name: 'Pick chat' }).click();
    const box = phone.getByRole('textbox', { name: 'Message' });
    await box.waitFor();
    assert.equal(await phone.getByRole('navigation', { name: 'Chats' }).isVisible(), false, 'the list is hidden behind the chat');
    await phone.locator('.pw-msg.pw-theirs', { hasText: 'Do you have size 38 in brown?' }).waitFor();
    await box.fill('Yes, in brown and black.');
    await box.press('Enter');
    await visitor.locator('.pw-msg.pw-theirs', { hasText: 'Yes, in brown and black.' }).waitFor();
    assert.equal(await overflowsSideways(phone), false, 'the open chat fits the screen');

    // The transfer picker names the colleague.
    const transfer = phone.getByLabel('Transfer to');
    const options = await transfer.locator('option').allTextContents();
    assert.ok(options.includes('Ada Lovelace (away)'), `the picker lists names: ${options.join(' | ')}`);
    assert.ok(!options.some((o) => o.includes(colleague.id)), 'and no ids');
    await phone.screenshot({ path: join(shots, 'console-phone-chat.png') });

    // The visitor's details open over the chat and close again.
    const details = phone.getByRole('complementary', { name: 'Visitor details' });
    assert.equal(await details.isVisible(), false, 'the visitor panel waits behind its button');
    await phone.getByRole('button', { name: 'Visitor' }).click();
    await details.getByText('Maria Rossi').waitFor();
    assert.equal(await overflowsSideways(phone), false, 'the visitor panel fits the screen');
    await phone.screenshot({ path: join(shots, 'console-phone-visitor.png') });
    await phone.getByRole('button', { name: '← Back to the chat' }).click();
    assert.equal(await details.isVisible(), false);
    await box.waitFor();

    // Back to the list: the chat is among mine, and no chat is open.
    await phone.getByRole('button', { name: '← Chats' }).click();
    await phone.getByRole('list', { name: 'My chats' }).getByRole('button').first().waitFor();
    assert.equal(await phone.getByRole('textbox', { name: 'Message' }).count(), 0, 'the chat closed');
    assert.equal(await overflowsSideways(phone), false);
  });
});
