import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { HTML, SVG_WITH_SCRIPT, TXT, jpeg, pdf, png, pngBomb, pngPolyglot, wav } from './fixtures.js';
import { call, sendMedia, startTestServer, upload, type TestServer, type TestUser } from './media-client.js';

describe('media refusals', () => {
  let t: TestServer;
  let alice: TestUser;
  let bob: TestUser;
  let chatId: string;

  before(async () => {
    t = await startTestServer();
    alice = await t.createUser('member', 'Alice');
    bob = await t.createUser('member', 'Bob');
    chatId = (await t.createChat('group', [alice.id, bob.id])).id;
  });
  after(async () => {
    await t.close();
  });

  const code = (res: { body: any }) => res.body?.error?.code as string;

  it('a declared type that disagrees with the bytes: name, part type, message type, documentType', async () => {
    const bytes = await png();
    const byName = await upload(t, alice, bytes, { name: 'report.pdf' });
    assert.equal(byName.status, 415);
    assert.equal(code(byName), 'E_MEDIA_TYPE_MISMATCH');
    const byPartType = await upload(t, alice, bytes, { name: 'x', type: 'audio/mpeg' });
    assert.equal(code(byPartType), 'E_MEDIA_TYPE_MISMATCH');
    const byMessageType = await upload(t, alice, bytes, { name: 'x.png', messageType: 'AUDIO' });
    assert.equal(code(byMessageType), 'E_MEDIA_TYPE_MISMATCH');
    // Aliases agree: .jpeg and image/jpg for JPEG bytes.
    assert.equal((await upload(t, alice, await jpeg(), { name: 'x.jpeg', type: 'image/jpg' })).status, 201);

    const up = await upload(t, alice, bytes, { name: 'pic.png' });
    const mediaId = up.body.media.id as string;
    const asAudio = await call(t, alice, 'POST', `/v1/chats/${chatId}/messages`, { messageType: 'AUDIO', content: { mediaId } });
    assert.equal(asAudio.status, 415);
    assert.equal(code(asAudio), 'E_MEDIA_TYPE_MISMATCH');
    assert.equal(asAudio.body.error.path, '/messageType');
    const docType = await call(t, alice, 'POST', `/v1/chats/${chatId}/messages`, { messageType: 'IMAGE', content: { mediaId, documentType: 'pdf' } });
    assert.equal(code(docType), 'E_MEDIA_TYPE_MISMATCH');
    assert.equal(docType.body.error.path, '/content/documentType');
    const named = await call(t, alice, 'POST', `/v1/chats/${chatId}/messages`, { messageType: 'IMAGE', content: { mediaId, fileName: 'invoice.docx' } });
    assert.equal(named.body.error.path, '/content/fileName');
    // Nothing was stored by the refused sends.
    const history = await call(t, alice, 'GET', `/v1/chats/${chatId}/messages`);
    assert.equal(history.body.messages.length, 0);
    // Someone else's upload is not theirs to send.
    const stolen = await call(t, bob, 'POST', `/v1/chats/${chatId}/messages`, { messageType: 'IMAGE', content: { mediaId } });
    assert.equal(code(stolen), 'E_MEDIA_NOT_FOUND');
  });

  it('HTML named .png is refused, whatever it claims', async () => {
    const res = await upload(t, alice, HTML, { name: 'cute-cat.png', type: 'image/png' });
    assert.equal(res.status, 415);
    assert.equal(code(res), 'E_UNSUPPORTED_MEDIA_TYPE');
    const asText = await upload(t, alice, HTML, { name: 'notes.txt', type: 'text/plain' });
    assert.equal(code(asText), 'E_UNSUPPORTED_MEDIA_TYPE');
  });

  it('a PNG that also carries an HTML page (polyglot) is refused', async () => {
    const res = await upload(t, alice, await pngPolyglot(), { name: 'poly.png' });
    assert.equal(res.status, 415);
    assert.equal(code(res), 'E_UNSUPPORTED_MEDIA_TYPE');
    const pdfHtml = Buffer.concat([pdf().subarray(0, 9), Buffer.from('<html><script>alert(1)</script></html>\n'), pdf().subarray(9)]);
    assert.equal(code(await upload(t, alice, pdfHtml, { name: 'poly.pdf' })), 'E_UNSUPPORTED_MEDIA_TYPE');
  });

  it('an SVG with a script is only ever served as an attachment, sandboxed', async () => {
    const msg = await sendMedia(t, alice, chatId, 'IMAGE', SVG_WITH_SCRIPT, 'evil.svg');
    const res = await call(t, bob, 'GET', `/livechat/downloadDocument/${chatId}/${msg.id}`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'image/svg+xml');
    assert.match(res.headers.get('content-disposition') ?? '', /^attachment; filename="evil\.svg"/);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'none'.*sandbox/);
    const token = await call(t, bob, 'POST', `/v1/chats/${chatId}/messages/${msg.id}/media/token`);
    const byToken = await call(t, '', 'GET', token.body.url);
    assert.match(byToken.headers.get('content-disposition') ?? '', /^attachment; /);
    // A broken SVG, or one with an internal DTD (entity bombs), is refused.
    assert.equal(code(await upload(t, alice, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><rect'), { name: 'cut.svg' })), 'E_MEDIA_INVALID');
    const entities = Buffer.from('<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>');
    assert.notEqual((await upload(t, alice, entities, { name: 'lol.svg' })).status, 201);
  });

  it('a decompression bomb is refused from its header', async () => {
    const res = await upload(t, alice, await pngBomb(), { name: 'bomb.png' });
    assert.equal(res.status, 422);
    assert.equal(code(res), 'E_MEDIA_INVALID');
    assert.match(res.body.error.message, /pixels/);
  });

  it('file names: path segments, NUL and control characters, bidi overrides are removed; long names capped', async () => {
    const bytes = await png(10, 10);
    const traversal = await upload(t, alice, bytes, { name: '../../../etc/passwd.png' });
    assert.equal(traversal.body.media.fileName, 'passwd.png');
    const windows = await upload(t, alice, bytes, { name: '..\\..\\boot.png' });
    assert.equal(windows.body.media.fileName, 'boot.png');
    const nul = await upload(t, alice, bytes, { filenameStar: encodeURIComponent('a\u0000b\u0007c.png') });
    assert.equal(nul.body.media.fileName, 'abc.png');
    // "invoice\u202Egnp.exe" shows as "invoiceexe.png": the override goes and the real type is appended.
    const bidi = await upload(t, alice, bytes, { filenameStar: encodeURIComponent('invoice\u202Egnp.exe') });
    assert.equal(bidi.status, 201);
    assert.equal(bidi.body.media.fileName, 'invoicegnp.exe.png');
    const long = await upload(t, alice, bytes, { name: `${'x'.repeat(400)}.png` });
    assert.ok(long.body.media.fileName.length <= 200);
    assert.ok(long.body.media.fileName.endsWith('.png'));
    // A name sent in the message content is cleaned too, and the download header carries the clean name.
    const msg = await call(t, alice, 'POST', `/v1/chats/${chatId}/messages`, {
      messageType: 'IMAGE',
      content: { mediaId: traversal.body.media.id, fileName: 'photo\u202Egnp.js' },
    });
    assert.equal(msg.body.message.content.fileName, 'photognp.js.png');
    const res = await call(t, bob, 'GET', `/livechat/downloadDocument/${chatId}/${msg.body.message.id}`);
    assert.match(res.headers.get('content-disposition') ?? '', /filename="passwd\.png"/);
  });

  it('rejects what is not a file of an accepted type, and empty files', async () => {
    assert.equal(code(await upload(t, alice, Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff'.repeat(20), 'latin1'), { name: 'a.exe' })), 'E_UNSUPPORTED_MEDIA_TYPE');
    assert.equal(code(await upload(t, alice, Buffer.alloc(0), { name: 'empty.txt' })), 'E_MEDIA_INVALID');
    assert.equal((await upload(t, alice, TXT, { name: 'note.txt' })).status, 201);
    const noFile = await fetch(`${t.url}/v1/media`, {
      method: 'POST',
      headers: { authorization: `Bearer ${alice.token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    assert.equal(noFile.status, 415);
    const unauth = await fetch(`${t.url}/v1/media`, { method: 'POST' });
    assert.equal(unauth.status, 401);
  });

  it('an upload over the plan limit is refused before it is stored, with memory flat', async () => {
    const tenant = (await t.store.getTenant(t.tenantId))!;
    const limit = 2 * 1024 * 1024;
    await t.store.updateTenant(t.tenantId, { plan: { ...tenant.plan, limits: { ...tenant.plan.limits, maxFileBytes: limit } } });
    try {
      const blobsDir = join(t.server.config.dataDir, 'blobs');
      const blobsBefore = await readdir(blobsDir).catch(() => []);
      // 24× the limit, streamed (chunked, no Content-Length) from one reused chunk.
      const total = 48 * 1024 * 1024;
      const chunk = Buffer.alloc(64 * 1024, 7);
      chunk.set(wav(0.01).subarray(0, 44));
      const boundary = '----parleybig';
      const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.wav"\r\nContent-Type: audio/wav\r\n\r\n`);
      const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
      let sent = 0;
      let phase = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (phase === 0) {
            phase = 1;
            controller.enqueue(head);
          } else if (sent < total) {
            sent += chunk.length;
            controller.enqueue(chunk);
          } else {
            controller.enqueue(tail);
            controller.close();
          }
        },
      });
      global.gc?.();
      const rssBefore = process.memoryUsage().rss;
      let peak = rssBefore;
      const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss);
      }, 5);
      let status = 0;
      let answer: any = null;
      try {
        const res = await fetch(`${t.url}/v1/media`, {
          method: 'POST',
          headers: { authorization: `Bearer ${alice.token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
          body,
          duplex: 'half',
        } as RequestInit);
        status = res.status;
        answer = await res.json();
      } finally {
        clearInterval(sampler);
      }
      assert.equal(status, 413);
      assert.equal(answer.error.code, 'E_PAYLOAD_TOO_LARGE');
      const growth = peak - rssBefore;
      assert.ok(growth < 24 * 1024 * 1024, `RSS grew by ${(growth / 1048576).toFixed(1)} MB while streaming ${total / 1048576} MB`);
      assert.deepEqual(await readdir(join(blobsDir, 'tmp')), [], 'the partial file is gone');
      assert.deepEqual((await readdir(blobsDir)).sort(), [...new Set([...blobsBefore, 'tmp'])].sort(), 'nothing new was stored');
      // Just under the limit is fine.
      const fits = await upload(t, alice, Buffer.concat([wav(0.01).subarray(0, 44), Buffer.alloc(limit - 44)]), { name: 'fits.wav' });
      assert.equal(fits.status, 201);
    } finally {
      await t.store.updateTenant(t.tenantId, { plan: tenant.plan });
    }
  });

  it('a media message can still name a file without uploading it (fileName only): nothing to fetch', async () => {
    const res = await call(t, alice, 'POST', `/v1/chats/${chatId}/messages`, { messageType: 'DOCUMENT', content: { fileName: 'elsewhere.pdf' } });
    assert.equal(res.status, 201);
    const media = await call(t, bob, 'GET', `/v1/chats/${chatId}/messages/${res.body.message.id}/media`);
    assert.equal(media.status, 404);
    assert.equal(media.body.error.code, 'E_MEDIA_NOT_FOUND');
    assert.equal((await call(t, bob, 'GET', `/livechat/downloadDocument/${chatId}/${res.body.message.id}`)).status, 404);
  });

  it('fileUrl to loopback, private and link-local addresses is refused by default', async () => {
    for (const url of ['http://127.0.0.1:9/x.png', 'http://10.1.2.3/x.png', 'http://169.254.169.254/latest/meta-data', 'http://[::1]/x.png', 'http://[::ffff:127.0.0.1]/x.png', 'http://localhost/x.png']) {
      const res = await call(t, alice, 'POST', `/v1/chats/${chatId}/messages`, { messageType: 'IMAGE', content: { fileUrl: url } });
      assert.equal(res.status, 403, url);
      assert.equal(code(res), 'E_URL_FORBIDDEN', url);
    }
    assert.equal(wav().length > 0, true);
  });
});
