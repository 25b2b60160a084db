import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { startTestServer, type TestServer } from '../../server/test/helpers/server.js';
import { ensureWebBuild } from './helpers/web-build.js';

describe('the server serves the widget and the console', () => {
  let t: TestServer;
  before(async () => {
    ensureWebBuild();
    t = await startTestServer();
  });
  after(async () => {
    await t?.close();
  });

  it('GET /widget.js: one script, embeddable from any site, under 30 KB gzipped', async () => {
    const res = await fetch(`${t.url}/widget.js`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /javascript/);
    assert.equal(res.headers.get('cross-origin-resource-policy'), 'cross-origin');
    const body = Buffer.from(await res.arrayBuffer());
    assert.ok(gzipSync(body).length < 30 * 1024, `widget.js is ${gzipSync(body).length} bytes gzipped`);
  });

  it('GET /console/: the page, with a strict Content-Security-Policy', async () => {
    const res = await fetch(`${t.url}/console/`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/html/);
    const csp = res.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self'/);
    assert.match(csp, /frame-ancestors 'none'/);
    const html = await res.text();
    const asset = /src="(\/console\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    assert.ok(asset, html);
    assert.equal((await fetch(`${t.url}${asset}`)).status, 200);
  });

  it('answers CORS preflights so the widget can call the API from the customer’s origin', async () => {
    const res = await fetch(`${t.url}/v1/livechat/sessions`, {
      method: 'OPTIONS',
      headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, authorization' },
    });
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    assert.match(res.headers.get('access-control-allow-headers') ?? '', /authorization/);
    const get = await fetch(`${t.url}/healthz`, { headers: { origin: 'https://shop.example' } });
    assert.equal(get.headers.get('access-control-allow-origin'), '*');
    // No Origin, no CORS headers.
    assert.equal((await fetch(`${t.url}/healthz`)).headers.get('access-control-allow-origin'), null);
  });
});
