// Suite 13 (the part media/refusals.test.ts does not cover): header injection through file names,
// and multipart bodies that are not one file. SVG with script, HTML named .png, polyglots, bombs,
// `../`, NUL, bidi and over-long names are tried in packages/server/test/media/refusals.test.ts.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer, type TestUser } from '../helpers/server.js';
import { errorCode, send } from './support/http.js';

function multipart(parts: { name: string; filename?: string; type?: string; body: Buffer | string }[], boundary = '----upload'): { headers: Record<string, string>; raw: Buffer } {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.filename === undefined ? '' : `; filename="${p.filename}"`}`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\nContent-Type: ${p.type ?? 'text/plain'}\r\n\r\n`), Buffer.from(p.body), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, raw: Buffer.concat(chunks) };
}

describe('uploads: names in headers, multipart shapes', () => {
  let t: TestServer;
  let alice: TestUser;
  let chatId: string;
  before(async () => {
    t = await startTestServer({ config: { heartbeatMs: 60_000 } });
    alice = await t.createUser('member', 'Alice');
    chatId = (await t.createChat('group', [alice.id])).id;
  });
  after(() => t.close());

  const upload = (body: { headers: Record<string, string>; raw: Buffer }) =>
    send(t.url, { method: 'POST', path: '/v1/media', headers: { authorization: `Bearer ${alice.token}`, ...body.headers }, raw: body.raw });

  it('a file name cannot inject a header or break Content-Disposition on download', async () => {
    for (const name of ['a"; filename="evil.html', 'a\r\nSet-Cookie: x=1.txt', 'a;b=c.txt', '%0d%0aX-Injected: 1.txt', 'naïve \u202egnp.txt']) {
      const up = await upload(multipart([{ name: 'file', filename: name, body: 'plain text\n' }]));
      if (up.status !== 201) {
        assert.ok(up.status >= 400 && up.status < 500, `${JSON.stringify(name)}: ${up.status}`);
        continue;
      }
      const mediaId = (up.json as { media: { id: string } }).media.id;
      const sent = await send(t.url, { method: 'POST', path: `/v1/chats/${chatId}/messages`, headers: { authorization: `Bearer ${alice.token}` }, body: { messageType: 'DOCUMENT', content: { mediaId } } });
      assert.equal(sent.status, 201, sent.text);
      const messageId = (sent.json as { message: { id: string } }).message.id;
      const res = await send(t.url, { method: 'GET', path: `/livechat/downloadDocument/${chatId}/${messageId}`, headers: { authorization: `Bearer ${alice.token}` } });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('set-cookie'), null, 'no injected header');
      assert.equal(res.headers.get('x-injected'), null, 'no injected header');
      const disposition = res.headers.get('content-disposition') ?? '';
      assert.match(disposition, /^attachment/, disposition);
      assert.ok(!/[\r\n]/.test(disposition), 'one header line');
      assert.equal((disposition.match(/filename=/g) ?? []).length <= 1 && !disposition.includes('evil.html"'), true, disposition);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    }
  });

  it('regression: a multipart body without its closing boundary hung the upload (never answered)', async () => {
    const started = Date.now();
    const res = await upload({
      headers: { 'content-type': 'multipart/form-data; boundary=----upload' },
      raw: Buffer.from('------upload\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nplain text'),
    });
    assert.equal(res.status, 400, res.text);
    assert.equal(errorCode(res), 'E_VALIDATION');
    assert.ok(Date.now() - started < 5000, `answered after ${Date.now() - started} ms`);
  });

  it('regression: a multipart Content-Type without a boundary was a 500', async () => {
    const res = await upload({ headers: { 'content-type': 'multipart/form-data' }, raw: Buffer.from('abc') });
    assert.equal(res.status, 400, res.text);
    assert.equal(errorCode(res), 'E_VALIDATION');
  });

  it('refuses multipart bodies that are not exactly one file, with a 4xx and an E_* code', async () => {
    const cases = {
      'no file part': multipart([{ name: 'other', body: 'x' }]),
      'a field, not a file': multipart([{ name: 'file', body: 'x' }]),
      'an empty body': { headers: { 'content-type': 'multipart/form-data; boundary=----upload' }, raw: Buffer.from('') },
    };
    for (const [name, body] of Object.entries(cases)) {
      const res = await upload(body);
      assert.ok(res.status >= 400 && res.status < 500, `${name}: ${res.status} ${res.text.slice(0, 200)}`);
      assert.ok(errorCode(res)?.startsWith('E_'), `${name}: ${res.text.slice(0, 200)}`);
    }
    const many = await upload(multipart(Array.from({ length: 50 }, (_, i) => ({ name: 'file', filename: `f${i}.txt`, body: 'plain text\n' }))));
    assert.ok(many.status === 201 || (many.status >= 400 && many.status < 500), `50 files: ${many.status}`);
    assert.equal((await send(t.url, { method: 'GET', path: '/healthz' })).status, 200);
  });
});
