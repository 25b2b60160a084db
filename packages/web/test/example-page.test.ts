import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../../server/test/helpers/server.js';
import { browserSkipReason, launchChromium } from './helpers/browser.js';
import { ensureWebBuild } from './helpers/web-build.js';
import { allowOrigin } from './helpers/scenario.js';

const EXAMPLE = new URL('../../../examples/widget/index.html', import.meta.url);
const skip = browserSkipReason();

describe('examples/widget: the widget on a plain HTML page', { skip: skip ?? false }, () => {
  let t: TestServer;
  let page: Server;
  let pageUrl: string;
  let browser: Browser;
  before(async () => {
    ensureWebBuild();
    t = await startTestServer();
    // The example as written, pointed at this test's server.
    const html = readFileSync(EXAMPLE, 'utf8').replaceAll('http://127.0.0.1:8080', t.url);
    page = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html));
    await new Promise<void>((resolve) => page.listen(0, '127.0.0.1', resolve));
    pageUrl = `http://127.0.0.1:${(page.address() as AddressInfo).port}/`;
    // The site that embeds the widget is listed by the tenant's admin, as the docs ask.
    await allowOrigin(t, pageUrl);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => page?.close(() => resolve()));
    await t?.close();
  });

  it('shows the chat launcher, and a form asking for the visitor name opens from it', async () => {
    const tab = await browser.newPage();
    await tab.goto(pageUrl);
    await tab.getByRole('button', { name: /^Chat with us/ }).click();
    await tab.getByLabel('Name').waitFor();
    assert.equal(await tab.getByLabel('Name').isVisible(), true);
  });
});
