import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { docx, drawnPdf, pdftoppmSkip } from '../../../server/test/media/fixtures.js';
import { LivechatSDK, type LivechatContact } from '../../src/index.js';
import { livechatWorld, visitorSendsFile, type LivechatWorld } from './world.js';

/** GetMultimediaMessageInActiveChat(…, 'thumbnail') through the agent facade: what the server served. */
describe('LIVECHATSDK: document thumbnails', () => {
  let w: LivechatWorld;
  const sdk = new LivechatSDK();
  let contact: LivechatContact;

  before(async () => {
    w = await livechatWorld();
    await sdk.init({ url: w.t.url, token: w.agent.token });
    contact = await sdk.LIVECHAT.joinContact(w.chatId);
  });
  after(async () => {
    sdk.disconnect();
    await w.close();
  });

  it('a PDF answers a JPEG of its first page, labelled thumbnail', async (ctx) => {
    const skip = await pdftoppmSkip();
    if (skip) return ctx.skip(skip);
    const pdf = drawnPdf([
      { width: 300, height: 600, rgb: [0, 0, 1] },
      { width: 600, height: 300, rgb: [1, 0, 0] },
    ]);
    const doc = await visitorSendsFile(w, 'DOCUMENT', pdf, 'brochure.pdf', 'Brochure');
    await w.t.server.services.media.idle();
    const obj = await contact.GetMultimediaMessageInActiveChat(contact.contact.id, doc.id, 'thumbnail');
    assert.equal(obj.result, true);
    assert.equal(obj.data?.format, 'thumbnail');
    assert.equal(obj.data?.content.documentType, 'pdf');
    const jpeg = Buffer.from(obj.data?.content.document ?? '', 'base64');
    assert.equal(jpeg.subarray(0, 3).toString('hex'), 'ffd8ff');
    const meta = await sharp(jpeg).metadata();
    assert.deepEqual([meta.format, meta.width, meta.height], ['jpeg', 160, 320], 'page 1 is portrait');
  });

  it('a DOCX asked for a thumbnail comes whole, labelled fullsize', async () => {
    const bytes = docx();
    const doc = await visitorSendsFile(w, 'DOCUMENT', bytes, 'letter.docx', 'Letter');
    await w.t.server.services.media.idle();
    const obj = await contact.GetMultimediaMessageInActiveChat(contact.contact.id, doc.id, 'thumbnail');
    assert.equal(obj.data?.format, 'fullsize');
    assert.equal(obj.data?.content.documentType, 'docx');
    assert.equal(obj.data?.content.document, bytes.toString('base64'));
  });
});
