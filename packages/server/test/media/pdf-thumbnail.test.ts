import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { SVG, TXT, docx, drawnPdf, pdftoppmSkip } from './fixtures.js';
import { call, sendMedia, startTestServer, type TestServer, type TestUser } from './media-client.js';

/** Page 1 is red and landscape; page 2 blue and portrait: the thumbnail shows which one was drawn. */
const PDF = drawnPdf([
  { width: 400, height: 300, rgb: [1, 0, 0] },
  { width: 200, height: 400, rgb: [0, 0, 1] },
]);

/** The seed 000 keys, whatever format was served. */
const DATA_KEYS = ['chatID', 'content', 'domain', 'format', 'messageID', 'messageType'];

describe('document thumbnails (seed 000 format=thumbnail)', () => {
  let t: TestServer;
  let agent: TestUser;
  let visitor: TestUser;
  let live: string;

  before(async () => {
    t = await startTestServer();
    agent = await t.createUser('agent', 'Gabriele Verde');
    visitor = await t.createUser('customer', 'Mario Rossi');
    live = (await t.createChat('livechat', [agent.id, visitor.id])).id;
  });
  after(async () => {
    await t.close();
  });

  it('a PDF: the thumbnail is a small JPEG of its first page; fullsize is still the PDF', async (ctx) => {
    const skip = await pdftoppmSkip();
    if (skip) return ctx.skip(skip);
    const doc = await sendMedia(t, visitor, live, 'DOCUMENT', PDF, 'offer.pdf', { caption: 'The offer' });
    await t.server.services.media.idle();

    const res = await call(t, agent, 'GET', `/v1/chats/${live}/messages/${doc.id}/media?format=thumbnail`);
    assert.equal(res.status, 200);
    assert.equal(res.body.result, true);
    const d = res.body.data;
    assert.deepEqual(Object.keys(d).sort(), DATA_KEYS);
    assert.equal(d.format, 'thumbnail');
    assert.equal(d.messageType, 'DOCUMENT');
    assert.deepEqual(Object.keys(d.content).sort(), ['caption', 'document', 'documentType', 'fileName', 'user']);
    assert.equal(d.content.caption, 'The offer');
    assert.equal(d.content.fileName, 'offer.pdf');
    assert.equal(d.content.documentType, 'pdf');
    const thumb = Buffer.from(d.content.document, 'base64');
    assert.equal(thumb.subarray(0, 3).toString('hex'), 'ffd8ff', 'JPEG magic bytes');
    const meta = await sharp(thumb).metadata();
    assert.equal(meta.format, 'jpeg');
    // Page 1 (400×300 pt) scaled to the 320 px thumbnail box: landscape, not page 2's portrait.
    assert.equal(meta.width, 320);
    assert.equal(meta.height, 240);
    const { channels } = await sharp(thumb).stats();
    const [r, g, b] = channels.map((c) => c.mean);
    assert.ok(r! > 200 && g! < 60 && b! < 60, `the first page is red (mean rgb ${r} ${g} ${b})`);

    const full = await call(t, agent, 'GET', `/v1/chats/${live}/messages/${doc.id}/media?format=fullsize`);
    assert.equal(full.body.data.format, 'fullsize');
    assert.deepEqual(Buffer.from(full.body.data.content.document, 'base64'), PDF);

    // The CTLive route answers the same object.
    const ctlive = await call(t, agent, 'GET', `/livechat/DEFAULT/getMultimediaMessageByMessageID/${doc.id}?format=thumbnail`);
    assert.equal(ctlive.body.data.format, 'thumbnail');
    assert.equal(ctlive.body.data.content.document, d.content.document);

    // The message itself gets the small inline preview, as images and videos do.
    const message = (await call(t, visitor, 'GET', `/v1/chats/${live}/messages/${doc.id}`)).body.message;
    assert.match(message.content.thumbnail, /^data:image\/jpeg;base64,/);
    assert.equal(message.content.width, undefined);
  });

  it('DOCX and TXT have no thumbnail: format=thumbnail serves the file and says fullsize', async () => {
    const word = docx();
    const cases: [Buffer, string, string][] = [
      [word, 'letter.docx', 'docx'],
      [TXT, 'note.txt', 'txt'],
    ];
    for (const [bytes, name, type] of cases) {
      const doc = await sendMedia(t, visitor, live, 'DOCUMENT', bytes, name);
      assert.equal(doc.content.documentType, type);
      await t.server.services.media.idle();
      const res = await call(t, agent, 'GET', `/v1/chats/${live}/messages/${doc.id}/media?format=thumbnail`);
      assert.equal(res.status, 200);
      const d = res.body.data;
      assert.deepEqual(Object.keys(d).sort(), DATA_KEYS);
      assert.equal(d.format, 'fullsize', `${name}: what was served, not what was asked`);
      assert.equal(d.content.documentType, type);
      assert.deepEqual(Buffer.from(d.content.document, 'base64'), bytes, `${name}: the original bytes`);
    }
  });

  it('a PDF that does not render, and an SVG image, answer fullsize too', async () => {
    const broken = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nnot really a pdf\n%%EOF\n', 'latin1');
    const bad = await sendMedia(t, visitor, live, 'DOCUMENT', broken, 'broken.pdf');
    assert.equal(bad.content.documentType, 'pdf');
    const svg = await sendMedia(t, agent, live, 'IMAGE', SVG, 'logo.svg');
    await t.server.services.media.idle();
    const b = await call(t, agent, 'GET', `/v1/chats/${live}/messages/${bad.id}/media?format=thumbnail`);
    assert.equal(b.status, 200);
    assert.equal(b.body.data.format, 'fullsize');
    assert.deepEqual(Buffer.from(b.body.data.content.document, 'base64'), broken);
    const s = await call(t, agent, 'GET', `/v1/chats/${live}/messages/${svg.id}/media?format=thumbnail`);
    assert.equal(s.body.data.format, 'fullsize');
    assert.deepEqual(Buffer.from(s.body.data.content.img, 'base64'), SVG);
  });
});
