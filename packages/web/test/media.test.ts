import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { browserSkipReason } from './helpers/browser.js';
import { pdfDocument, pngImage } from './helpers/files.js';
import { openConsole, openVisitor, startChat, startScenario, type Scenario } from './helpers/scenario.js';

const skip = browserSkipReason();

describe('files in the widget and the console (Chromium)', { skip }, () => {
  let s: Scenario;
  before(async () => {
    s = await startScenario();
  });
  after(async () => {
    await s?.close();
  });

  it('an image and a PDF go up with progress and show on both sides; the image opens full size', async () => {
    const agent = await s.t.createUser('agent', 'Agent Files');
    const consolePage = await openConsole(s, agent);
    const visitor = await openVisitor(s);
    await startChat(visitor, 'Giulia', 'Broken heel');
    await consolePage.getByRole('list', { name: 'My chats' }).getByRole('button', { name: /Broken heel/ }).click();

    const png = await pngImage(900, 600);
    await visitor.locator('.pw-composer input[type=file]').setInputFiles({ name: 'heel.png', mimeType: 'image/png', buffer: png });
    await visitor.locator('.pw-msg.pw-mine[data-type=IMAGE] img').waitFor();
    await visitor.locator('.pw-msg.pw-mine[data-type=DOCUMENT]').count();
    await visitor.locator('.pw-composer input[type=file]').setInputFiles({ name: 'receipt.pdf', mimeType: 'application/pdf', buffer: pdfDocument('Receipt 42') });
    await visitor.locator('.pw-msg.pw-mine[data-type=DOCUMENT]', { hasText: 'receipt.pdf' }).waitFor();

    // The agent sees both: the image loads, the PDF is a download link with its name.
    const agentImage = consolePage.locator('.pw-msg.pw-theirs[data-type=IMAGE] img');
    await agentImage.waitFor();
    await consolePage.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('.pw-msg.pw-theirs[data-type=IMAGE] img');
      return img !== null && img.complete && img.naturalWidth > 0;
    });
    const pdfLink = consolePage.locator('.pw-msg.pw-theirs[data-type=DOCUMENT] a.pw-download');
    await pdfLink.waitFor();
    assert.match(await pdfLink.innerText(), /receipt\.pdf/);
    const pdfHref = await pdfLink.getAttribute('href');
    assert.ok(pdfHref?.startsWith(`${s.t.url}/v1/media/download?`), pdfHref ?? '');
    const pdf = await fetch(pdfHref ?? '');
    assert.equal(pdf.status, 200);
    assert.equal(pdf.headers.get('content-type'), 'application/pdf');
    assert.match(pdf.headers.get('content-disposition') ?? '', /attachment/);
    assert.ok(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).equals(Buffer.from('%PDF-')));

    // In the widget the image's thumbnail opens the full-size image.
    await visitor.waitForFunction(() => {
      const host = document.getElementById('parley-widget');
      const img = host?.shadowRoot?.querySelector<HTMLImageElement>('.pw-msg.pw-mine[data-type=IMAGE] img');
      return img !== null && img !== undefined && img.complete && img.naturalWidth > 0;
    });
    await visitor.getByRole('button', { name: /Open image heel\.png full size/ }).click();
    const full = visitor.locator('.pw-lightbox img');
    await full.waitFor();
    await visitor.waitForFunction(() => {
      const img = document.getElementById('parley-widget')?.shadowRoot?.querySelector<HTMLImageElement>('.pw-lightbox img');
      return img !== null && img !== undefined && img.complete && img.naturalWidth === 900;
    });
    await visitor.keyboard.press('Escape');
    await full.waitFor({ state: 'detached' });
    await visitor.getByRole('textbox', { name: 'Message' }).waitFor();

    // The agent sends a file back through the console.
    await consolePage.locator('.pw-composer input[type=file]').setInputFiles({ name: 'return-label.pdf', mimeType: 'application/pdf', buffer: pdfDocument('Label') });
    await visitor.locator('.pw-msg.pw-theirs[data-type=DOCUMENT]', { hasText: 'return-label.pdf' }).waitFor();
  });
});
