import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { browserSkipReason } from './helpers/browser.js';
import { pngImage } from './helpers/files.js';
import { asUser, eventually, openConsole, openVisitor, startChat, startScenario, widgetChatId, type Scenario } from './helpers/scenario.js';

const skip = browserSkipReason();

/** Payloads that run script if any text reaches the page as markup, or any URL as a link. */
const CORPUS = [
  `<script>window.__xss='script'</script>`,
  `<img src=x onerror="window.__xss='img'">`,
  `<svg onload="window.__xss='svg'"></svg>`,
  `"><iframe src="javascript:window.__xss='iframe'"></iframe>`,
  `<a href="javascript:window.__xss='a'">click me</a>`,
  `javascript:window.__xss='js'`,
  `<details open ontoggle="alert('details')">`,
  `</textarea><body onload=alert('body')>`,
];
const NAME = `<img src=x onerror="alert('name')">`;
const FILE = `<img src=x onerror=alert(1)>.png`;

/** What the page ran: the trap, and every dialog. */
async function executions(page: Page, dialogs: string[]): Promise<string[]> {
  const trapped = await page.evaluate(() => {
    const w = window as unknown as { __xss?: unknown; __dialogs?: string[] };
    return [...(w.__xss === undefined ? [] : [`__xss=${JSON.stringify(w.__xss)}`]), ...(w.__dialogs ?? [])];
  });
  return [...trapped, ...dialogs];
}

/** Links with a script URL, in the page and in the widget's shadow root. */
async function scriptLinks(page: Page): Promise<number> {
  return page.evaluate(() => {
    const roots: ParentNode[] = [document];
    const shadow = document.getElementById('parley-widget')?.shadowRoot;
    if (shadow) roots.push(shadow);
    let n = 0;
    for (const root of roots) {
      for (const el of root.querySelectorAll('[href],[src],[action],[formaction]')) {
        for (const attr of ['href', 'src', 'action', 'formaction']) {
          const v = el.getAttribute(attr) ?? '';
          if (/^\s*(javascript|vbscript|data:text)/i.test(v)) n++;
        }
      }
      n += root.querySelectorAll('script:not([src]):not([data-trap]), iframe, object, embed').length;
    }
    return n;
  });
}

describe('an XSS corpus in the widget and the console (Chromium)', { skip }, () => {
  let s: Scenario;
  before(async () => {
    s = await startScenario();
  });
  after(async () => {
    await s?.close();
  });

  it('texts, names, file names, captions and bot prompts from visitor, agent and bot run nothing', async () => {
    const bot = await s.t.createUser('bot', `<svg onload=alert('bot')>`);
    const agent = await s.t.createUser('agent', `<img src=x onerror=alert('agent')>`);
    assert.equal((await s.t.admin('PUT', '/v1/livechat/entry-bot', { userId: bot.id })).status, 204);
    const consoleDialogs: string[] = [];
    const visitorDialogs: string[] = [];
    const consolePage = await openConsole(s, agent, consoleDialogs);
    const visitor = await openVisitor(s, visitorDialogs);
    await startChat(visitor, NAME, `<b onmouseover=alert('subject')>subject</b>`);
    const chatId = await widgetChatId(visitor, s.t.url);
    const asBot = (messageType: string, content: unknown, replyTo?: string) =>
      asUser(s, bot, 'POST', `/v1/chats/${chatId}/messages`, { messageType, content, ...(replyTo ? { replyTo } : {}) });

    // The bot: texts, a menu, quick replies, a form, a link, a location and contacts, all with payloads.
    for (const text of CORPUS) await asBot('TEXT', { text });
    await asBot('MENU', { text: CORPUS[0], options: CORPUS.slice(0, 4).map((text, id) => ({ id, command: 'load-item', text, targetUrl: text })) });
    await asBot('QUICK_REPLY', { text: CORPUS[1], header: CORPUS[2], footer: CORPUS[3], quickReplies: [CORPUS[4]!, CORPUS[6]!, 'ok'] });
    await asBot('FORM', {
      title: CORPUS[0],
      response_to_bot: CORPUS[1],
      formData: [
        { name: 'a', label: CORPUS[2], dc_type: 'text', value: CORPUS[3], customMandatoryErrorMessage: CORPUS[4], isMandatory: true },
        { name: 'b', label: CORPUS[5], dc_type: 'select', options: { x: CORPUS[6]!, y: CORPUS[7]! } },
      ],
    });
    await asBot('DOCUMENT', { fileName: FILE, caption: CORPUS[2], documentType: 'pdf' });
    await asBot('LINK', { url: `https://example.com/?q=<script>alert('link')</script>` });
    await asBot('LOCATION', { latitude: 45.6, longitude: 9.4, name: CORPUS[0], address: CORPUS[1] });
    await asBot('CONTACTS', { contacts: [{ name: { formatted_name: CORPUS[2] }, phones: [{ phone: `javascript:alert('tel')`, type: '<b onclick=alert(1)>' }] }] });
    // Script URLs never get stored in the first place.
    const refused = await fetch(`${s.t.url}/v1/chats/${chatId}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bot.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ messageType: 'LINK', content: { url: `javascript:alert('link')` } }),
    });
    assert.equal(refused.status, 400);

    // The visitor: texts and an image whose file name is a payload.
    const box = visitor.getByRole('textbox', { name: 'Message' });
    for (const text of CORPUS) {
      await box.fill(text);
      await box.press('Enter');
    }
    await visitor.locator('.pw-composer input[type=file]').setInputFiles({ name: FILE, mimeType: 'image/png', buffer: await pngImage(64, 64) });
    await visitor.locator('.pw-msg.pw-mine[data-type=IMAGE]').waitFor();

    // The bot hands over; the agent picks the chat and answers with payloads, and an image with a payload caption.
    await asUser(s, bot, 'POST', `/v1/livechat/chats/${chatId}/handover`, {});
    await consolePage.getByRole('list', { name: 'My chats' }).getByRole('button').first().click();
    const reply = consolePage.getByRole('textbox', { name: 'Message' });
    await reply.waitFor();
    for (const text of CORPUS) {
      await reply.fill(text);
      await reply.press('Enter');
    }
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await pngImage(32, 32))], { type: 'image/png' }), 'x.png');
    const up = await fetch(`${s.t.url}/v1/media`, { method: 'POST', headers: { authorization: `Bearer ${agent.token}` }, body: form });
    const media = ((await up.json()) as { media: { id: string } }).media;
    await asUser(s, agent, 'POST', `/v1/chats/${chatId}/messages`, { messageType: 'IMAGE', content: { mediaId: media.id, caption: CORPUS[1] } });

    // Everything arrived on both sides, as text.
    const last = CORPUS[CORPUS.length - 1]!;
    await eventually(async () => (await visitor.locator('.pw-msg.pw-theirs', { hasText: last }).count()) >= 2, 20_000, 'the agent’s payloads in the widget');
    await visitor.locator('.pw-caption', { hasText: CORPUS[1] }).waitFor();
    // The server keeps a safe file name (`<` `>` become `_`); a name set in content by a sender shows as text.
    await consolePage.locator('.pw-msg.pw-theirs[data-type=IMAGE] .pw-download', { hasText: 'onerror=alert(1)' }).waitFor();
    await visitor.locator('.pw-msg.pw-theirs[data-type=DOCUMENT] .pw-file', { hasText: FILE }).waitFor();
    await consolePage.locator('.pw-msg.pw-theirs[data-type=DOCUMENT] .pw-caption', { hasText: CORPUS[2] }).waitFor();
    await consolePage.locator('.pw-msg.pw-theirs', { hasText: last }).first().waitFor();
    await consolePage.getByRole('complementary', { name: 'Visitor details' }).getByText(NAME).waitFor();
    const widgetText = await visitor.evaluate(() => document.getElementById('parley-widget')?.shadowRoot?.textContent ?? '');
    for (const payload of CORPUS) assert.ok(widgetText.includes(payload), `shown as text in the widget: ${payload}`);

    // Interact a little: open the form's select, hover, click the quick replies' payload button.
    await visitor.getByRole('button', { name: CORPUS[4] }).click();
    await visitor.mouse.move(10, 10);
    await consolePage.waitForTimeout(500);

    assert.deepEqual(await executions(visitor, visitorDialogs), [], 'nothing ran in the visitor’s page');
    assert.deepEqual(await executions(consolePage, consoleDialogs), [], 'nothing ran in the console');
    assert.equal(await scriptLinks(visitor), 0, 'no script URL or injected element in the visitor’s page');
    assert.equal(await scriptLinks(consolePage), 0, 'no script URL or injected element in the console');
  });
});
