import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { RawClient } from '../helpers/ws-client.js';
import { CSV, SVG, TXT, ffmpegFiles, ffmpegSkip, gif, jpeg, noisyPng, pdf, png, wav } from './fixtures.js';
import { call, sendMedia, startTestServer, upload, type TestServer, type TestUser } from './media-client.js';

async function countBlobs(dir: string): Promise<number> {
  let n = 0;
  for (const a of await readdir(dir).catch(() => [])) {
    if (a === 'tmp') continue;
    for (const b of await readdir(join(dir, a))) n += (await readdir(join(dir, a, b))).length;
  }
  return n;
}

describe('media upload and processing', () => {
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

  it('finds the type of every accepted format from its bytes', async () => {
    const cases: [Buffer, string, string, string, string][] = [
      [await png(), 'a.png', 'image', 'png', 'image/png'],
      [await jpeg(), 'b.jpeg', 'image', 'jpg', 'image/jpeg'],
      [await gif(), 'c.gif', 'image', 'gif', 'image/gif'],
      [SVG, 'd.svg', 'image', 'svg', 'image/svg+xml'],
      [pdf(), 'e.pdf', 'document', 'pdf', 'application/pdf'],
      [wav(), 'f.wav', 'audio', 'wav', 'audio/wav'],
      [CSV, 'g.csv', 'document', 'csv', 'text/csv'],
      [TXT, 'h.txt', 'document', 'txt', 'text/plain'],
      // No name: still recognised from the bytes, and named after them.
      [await png(20, 20), '', 'image', 'png', 'image/png'],
    ];
    for (const [bytes, name, kind, ext, mime] of cases) {
      const res = await upload(t, alice, bytes, { name });
      assert.equal(res.status, 201, `${name}: ${res.bytes.toString()}`);
      const m = res.body.media;
      assert.equal(m.kind, kind, name);
      assert.equal(m.documentType, ext, name);
      assert.equal(m.mimeType, mime, name);
      assert.equal(m.fileSize, bytes.length, name);
      assert.ok(m.fileName.endsWith(`.${ext}`) || (name === 'b.jpeg' && m.fileName === 'b.jpeg'), `${name} → ${m.fileName}`);
    }
  });

  it('stores the same bytes once (content-addressed)', async () => {
    const blobsDir = join(t.server.config.dataDir, 'blobs');
    const bytes = await png(33, 33);
    const first = await upload(t, alice, bytes, { name: 'one.png' });
    await t.server.services.media.idle();
    const before = await countBlobs(blobsDir);
    const second = await upload(t, bob, bytes, { name: 'two.png' });
    await t.server.services.media.idle();
    assert.notEqual(first.body.media.id, second.body.media.id);
    assert.equal(await countBlobs(blobsDir), before, 'no new blob for the same bytes (thumbnails dedupe too)');
    assert.deepEqual(await readdir(join(blobsDir, 'tmp')), [], 'no temporary files left');
  });

  it('sends an IMAGE by mediaId, fills the file fields, then the processed ones (message.updated)', async () => {
    const ws = await RawClient.connect(t.wsUrl, bob.token);
    await ws.request('resume', { cursors: {} });
    try {
      const msg = await sendMedia(t, alice, chatId, 'IMAGE', await jpeg(1200, 900), 'holiday.jpg', { caption: 'Sea' });
      assert.equal(msg.content.fileName, 'holiday.jpg');
      assert.equal(msg.content.documentType, 'jpg');
      assert.equal(typeof msg.content.fileSize, 'number');
      assert.equal(msg.content.caption, 'Sea');
      await t.server.services.media.idle();
      await ws.waitFor(() => ws.events.some((e) => e.event === 'message.updated' && e.data.id === msg.id), 'message.updated');
      const updated = ws.events.find((e) => e.event === 'message.updated' && e.data.id === msg.id)!.data as any;
      assert.equal(updated.content.width, 1200);
      assert.equal(updated.content.height, 900);
      assert.match(updated.content.thumbnail, /^data:image\/jpeg;base64,/);
      // The message event carries metadata only: no payload in the frame.
      const event = ws.events.find((e) => e.event === 'message' && e.data.id === msg.id)!;
      assert.equal((event.data as any).content.img, undefined);
      assert.ok(JSON.stringify(event).length < 4096);
      const fetched = await call(t, bob, 'GET', `/v1/chats/${chatId}/messages/${msg.id}`);
      assert.equal(fetched.body.message.content.width, 1200);
      // The thumbnail fits in 320×320 and keeps the aspect ratio.
      const thumb = await call(t, bob, 'GET', `/v1/chats/${chatId}/messages/${msg.id}/media?format=thumbnail`);
      const meta = await sharp(Buffer.from(thumb.body.data.content.img, 'base64')).metadata();
      assert.equal(meta.format, 'jpeg');
      assert.equal(meta.width, 320);
      assert.equal(meta.height, 240);
    } finally {
      ws.close();
    }
  });

  it('resizes a large image for the fullsize format and emits multimediaMessageStored', async () => {
    const ws = await RawClient.connect(t.wsUrl, bob.token);
    await ws.request('resume', { cursors: {} });
    try {
      const msg = await sendMedia(t, alice, chatId, 'IMAGE', await noisyPng(3000, 1500), 'big.png');
      await t.server.services.media.idle();
      await ws.waitFor(() => ws.events.some((e) => e.event === 'multimediaMessageStored' && e.data.messageId === msg.id), 'multimediaMessageStored');
      const stored = ws.events.find((e) => e.event === 'multimediaMessageStored')!.data;
      assert.equal(stored.chatId, chatId);
      assert.equal(stored.format, 'fullsize');
      assert.equal(stored.width, 2048);
      assert.equal(stored.height, 1024);
      const full = await call(t, bob, 'GET', `/v1/chats/${chatId}/messages/${msg.id}/media?format=fullsize`);
      const meta = await sharp(Buffer.from(full.body.data.content.img, 'base64')).metadata();
      assert.equal(meta.width, 2048);
      // The original stays downloadable as it was sent.
      const original = await call(t, bob, 'GET', `/livechat/downloadDocument/${chatId}/${msg.id}`);
      assert.equal((await sharp(original.bytes).metadata()).width, 3000);
    } finally {
      ws.close();
    }
  });

  it('finds the duration of audio (WAV written by hand)', async () => {
    const msg = await sendMedia(t, alice, chatId, 'AUDIO', wav(1.5), 'voice.wav');
    await t.server.services.media.idle();
    const fetched = await call(t, bob, 'GET', `/v1/chats/${chatId}/messages/${msg.id}`);
    assert.equal(fetched.body.message.content.duration, 1.5);
    assert.equal(fetched.body.message.content.documentType, 'wav');
  });

  it('fills fileName, fileSize and documentType of a DOCUMENT sent with only a caption', async () => {
    const msg = await sendMedia(t, alice, chatId, 'DOCUMENT', pdf(), 'Quick guide.pdf', { caption: 'Guide' });
    assert.equal(msg.content.fileName, 'Quick guide.pdf');
    assert.equal(msg.content.documentType, 'pdf');
    assert.equal(msg.content.fileSize, pdf().length);
  });

  it('MP3 and MP4 made with ffmpeg: duration, video size and thumbnail', async (ctx) => {
    const skip = await ffmpegSkip();
    if (skip) return ctx.skip(skip);
    const files = await ffmpegFiles();
    assert.ok(files, 'ffmpeg is required here (CI installs it)');
    const mp3 = await sendMedia(t, alice, chatId, 'AUDIO', files.mp3, 'tone.mp3');
    const mp4 = await sendMedia(t, alice, chatId, 'VIDEO', files.mp4, 'clip.mp4');
    assert.equal(mp3.content.documentType, 'mp3');
    assert.equal(mp4.content.documentType, 'mp4');
    await t.server.services.media.idle();
    const a = (await call(t, bob, 'GET', `/v1/chats/${chatId}/messages/${mp3.id}`)).body.message.content;
    assert.ok(Math.abs(a.duration - 2) < 0.2, `mp3 duration ${a.duration}`);
    const v = (await call(t, bob, 'GET', `/v1/chats/${chatId}/messages/${mp4.id}`)).body.message.content;
    assert.ok(Math.abs(v.duration - 2) < 0.3, `mp4 duration ${v.duration}`);
    assert.equal(v.width, 320);
    assert.equal(v.height, 240);
    assert.match(v.thumbnail, /^data:image\/jpeg;base64,/);
    const thumb = await call(t, bob, 'GET', `/v1/chats/${chatId}/messages/${mp4.id}/media?format=thumbnail`);
    const meta = await sharp(Buffer.from(thumb.body.data.content.video, 'base64')).metadata();
    assert.equal(meta.format, 'jpeg');
    assert.equal(meta.width, 320);
  });

  it('sends by fileUrl: the server fetches it (private addresses only when the tenant allows them)', async () => {
    const { createServer } = await import('node:http');
    const body = await png(50, 40);
    const server = createServer((req, res) => {
      if (req.url === '/slow.png') return; // never answers
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(body.length) });
      res.end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const url = `http://127.0.0.1:${port}/pics/logo.png`;
    try {
      const refused = await call(t, alice, 'POST', `/v1/chats/${chatId}/messages`, { messageType: 'IMAGE', content: { fileUrl: url } });
      assert.equal(refused.status, 403);
      assert.equal(refused.body.error.code, 'E_URL_FORBIDDEN');
      const tenant = (await t.store.getTenant(t.tenantId))!;
      await t.store.updateTenant(t.tenantId, { plan: { ...tenant.plan, media: { allowPrivateFileUrls: true } } });
      const sent = await call(t, alice, 'POST', `/v1/chats/${chatId}/messages`, { messageType: 'IMAGE', content: { fileUrl: url, caption: 'logo' } });
      assert.equal(sent.status, 201, sent.bytes.toString());
      assert.equal(sent.body.message.content.fileName, 'logo.png');
      assert.equal(sent.body.message.content.fileSize, body.length);
      assert.equal(sent.body.message.content.fileUrl, url);
      const download = await call(t, bob, 'GET', `/livechat/downloadDocument/${chatId}/${sent.body.message.id}`);
      assert.deepEqual(download.bytes, body);
      // A URL that never answers fails after the deadline.
      const options = t.server.services.media.options;
      const saved = options.fetchTimeoutMs;
      options.fetchTimeoutMs = 300;
      try {
        const slow = await call(t, alice, 'POST', `/v1/chats/${chatId}/messages`, { messageType: 'IMAGE', content: { fileUrl: `http://127.0.0.1:${port}/slow.png` } });
        assert.equal(slow.status, 502);
        assert.equal(slow.body.error.code, 'E_FETCH_FAILED');
      } finally {
        options.fetchTimeoutMs = saved;
      }
      // Over the plan's limit: refused, from the Content-Length, before anything is stored.
      await t.store.updateTenant(t.tenantId, { plan: { ...tenant.plan, media: { allowPrivateFileUrls: true }, limits: { ...tenant.plan.limits, maxFileBytes: 100 } } });
      const big = await call(t, alice, 'POST', `/v1/chats/${chatId}/messages`, { messageType: 'IMAGE', content: { fileUrl: url } });
      assert.equal(big.status, 413);
      assert.equal(big.body.error.code, 'E_PAYLOAD_TOO_LARGE');
      await t.store.updateTenant(t.tenantId, { plan: tenant.plan });
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
