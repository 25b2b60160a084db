import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';
import { isPrivateAddress, pinnedRequest, readCapped, type HostLookup, type PinnedRequestOptions } from '../../src/infra/http/index.js';

/** A receiver on loopback that answers by path and remembers what reached it. */
async function startReceiver(): Promise<{ server: Server; port: number; seen: IncomingMessage[] }> {
  const seen: IncomingMessage[] = [];
  const server = createServer((req, res) => {
    seen.push(req);
    const path = req.url ?? '/';
    if (path.startsWith('/redirect/')) {
      const left = Number(path.slice('/redirect/'.length));
      res.writeHead(302, { location: left > 0 ? `/redirect/${left - 1}` : '/file.txt' }).end();
    } else if (path === '/big') {
      res.writeHead(200, { 'content-length': '5000' }).end('x'.repeat(5000));
    } else if (path === '/silent') {
      // Never answers: only the caller's deadline ends this request.
    } else {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => res.writeHead(200, { 'content-type': 'text/plain' }).end(`${req.method} ${path} ${body}`));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, seen };
}

function options(extra: Partial<PinnedRequestOptions> = {}): PinnedRequestOptions {
  return { method: 'GET', allowPrivate: true, signal: AbortSignal.timeout(10_000), ...extra };
}

async function text(res: { body: Readable }): Promise<string> {
  return readCapped(res.body, 1 << 20, AbortSignal.timeout(10_000));
}

describe('pinned HTTP client', () => {
  let r: Awaited<ReturnType<typeof startReceiver>>;
  before(async () => {
    r = await startReceiver();
  });
  after(() => {
    r.server.closeAllConnections();
    r.server.close();
  });

  it('refuses loopback, private, link-local and metadata addresses by default, connecting to none', async () => {
    const before = r.seen.length;
    for (const host of ['127.0.0.1', 'localhost', '[::1]', '10.1.2.3', '169.254.169.254', '[::ffff:127.0.0.1]']) {
      await assert.rejects(pinnedRequest(new URL(`http://${host}:${r.port}/file.txt`), options({ allowPrivate: false })), { code: 'E_URL_FORBIDDEN' }, host);
    }
    assert.equal(r.seen.length, before, 'no request reached the receiver');
  });

  it('refuses a host when any one of its addresses is private', async () => {
    const mixed: HostLookup = () => Promise.resolve([{ address: '93.184.216.34', family: 4 }, { address: '10.0.0.1', family: 4 }]);
    await assert.rejects(pinnedRequest(new URL('http://mixed.test/'), options({ allowPrivate: false, lookup: mixed })), { code: 'E_URL_FORBIDDEN' });
  });

  it('reaches a private address when allowed, and POSTs a body', async () => {
    const got = await pinnedRequest(new URL(`http://127.0.0.1:${r.port}/hook`), options({ method: 'POST', body: Buffer.from('hello') }));
    assert.equal(got.status, 200);
    assert.equal(await text(got), 'POST /hook hello');
  });

  it('connects to the address it checked: the host is resolved once, a second answer is never asked for', async () => {
    let lookups = 0;
    // Rebinding DNS: the first answer is the checked one, later answers point elsewhere.
    const rebinding: HostLookup = () => {
      lookups++;
      return Promise.resolve([{ address: lookups === 1 ? '127.0.0.1' : '10.255.255.1', family: 4 }]);
    };
    const got = await pinnedRequest(new URL(`http://rebind.test:${r.port}/file.txt`), options({ lookup: rebinding }));
    assert.equal(await text(got), 'GET /file.txt ');
    assert.equal(lookups, 1);
    assert.equal(r.seen.at(-1)?.headers.host, `rebind.test:${r.port}`, 'the request still names its host');
  });

  it('follows redirects up to the limit, checking every hop, and refuses more', async () => {
    let lookups = 0;
    const counting: HostLookup = () => {
      lookups++;
      return Promise.resolve([{ address: '127.0.0.1', family: 4 }]);
    };
    const got = await pinnedRequest(new URL(`http://hop.test:${r.port}/redirect/1`), options({ maxRedirects: 3, lookup: counting }));
    assert.equal(got.url.pathname, '/file.txt');
    assert.equal(await text(got), 'GET /file.txt ');
    assert.equal(lookups, 3, 'each of the three hops was resolved and checked');
    await assert.rejects(pinnedRequest(new URL(`http://127.0.0.1:${r.port}/redirect/5`), options({ maxRedirects: 3 })), { code: 'E_FETCH_FAILED' });
  });

  it('answers a redirect as it is when redirects are not followed', async () => {
    const got = await pinnedRequest(new URL(`http://127.0.0.1:${r.port}/redirect/0`), options());
    got.body.resume();
    assert.equal(got.status, 302);
  });

  it('refuses a redirect to a scheme other than http(s)', async () => {
    const server = createServer((_req, res) => res.writeHead(302, { location: 'file:///etc/passwd' }).end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      await assert.rejects(pinnedRequest(new URL(`http://127.0.0.1:${port}/`), options({ maxRedirects: 3 })), { code: 'E_URL_FORBIDDEN' });
    } finally {
      server.close();
    }
  });

  it('refuses an answer declaring more bytes than the limit, before reading it', async () => {
    await assert.rejects(pinnedRequest(new URL(`http://127.0.0.1:${r.port}/big`), options({ maxBodyBytes: 100 })), { code: 'E_PAYLOAD_TOO_LARGE' });
  });

  it('keeps only the first bytes of an answer read in full', async () => {
    const got = await pinnedRequest(new URL(`http://127.0.0.1:${r.port}/big`), options());
    assert.equal(await readCapped(got.body, 10, AbortSignal.timeout(10_000)), 'x'.repeat(10));
  });

  it('gives up at the deadline when the other side never answers', async () => {
    const deadline = new AbortController();
    r.server.once('request', () => deadline.abort());
    const pending = pinnedRequest(new URL(`http://127.0.0.1:${r.port}/silent`), options({ signal: deadline.signal }));
    await assert.rejects(pending, { name: 'AbortError' });
  });
});

describe('address policy', () => {
  it('isPrivateAddress', () => {
    for (const a of ['127.0.0.1', '10.0.0.8', '172.16.5.4', '192.168.1.1', '169.254.169.254', '0.0.0.0', '100.64.0.1', '::1', '::', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '64:ff9b::a00:1', '2002:7f00:1::1', 'not an ip']) {
      assert.equal(isPrivateAddress(a), true, a);
    }
    for (const a of ['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '::ffff:8.8.8.8']) assert.equal(isPrivateAddress(a), false, a);
  });
});
