import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { noisyPng, pdf, png } from '../../../server/test/media/fixtures.js';
import { LivechatSDK, type ContactEventMap, type LivechatContact, type MultimediaObject } from '../../src/index.js';
import { sleep, waitUntil } from '../helpers/sdk.js';
import { as, livechatWorld, visitorSendsFile, type LivechatWorld } from './world.js';

const SEED_USER_KEYS = ['beginTime', 'channel', 'endTime', 'firstIP', 'firstTitle', 'firstUri', 'id', 'isAgent', 'isOnline', 'nickname', 'userAgent'];

/** Asserts seed 000's multimedia object, field for field. */
function assertSeedObject(obj: MultimediaObject, expect: { chatID: string; messageID: string; messageType: string; format: string; payloadKey: 'img' | 'document' | 'link' }) {
  assert.deepEqual(Object.keys(obj).sort(), ['data', 'error', 'result']);
  assert.equal(obj.result, true);
  assert.equal(obj.error, null);
  const data = obj.data!;
  assert.deepEqual(Object.keys(data).sort(), ['chatID', 'content', 'domain', 'format', 'messageID', 'messageType']);
  assert.equal(data.chatID, expect.chatID);
  assert.equal(data.messageID, expect.messageID);
  assert.equal(data.messageType, expect.messageType);
  assert.equal(data.domain, 'DEFAULT');
  assert.equal(data.format, expect.format);
  assert.deepEqual(Object.keys(data.content).sort(), [expect.payloadKey, 'caption', 'documentType', 'fileName', 'user'].sort());
  assert.deepEqual(Object.keys(data.content.user).sort(), SEED_USER_KEYS);
}

describe('LIVECHATSDK contact: media, actions, opt-in inline media', () => {
  let w: LivechatWorld;
  const sdk = new LivechatSDK();
  let contact: LivechatContact;
  const events: { name: keyof ContactEventMap; data: unknown }[] = [];
  const of = <K extends keyof ContactEventMap>(name: K) => events.filter((e) => e.name === name).map((e) => e.data as ContactEventMap[K]);

  before(async () => {
    w = await livechatWorld();
    await sdk.init({ url: w.t.url, getToken: () => Promise.resolve(w.agent.token), inlineMedia: true });
    contact = await sdk.LIVECHAT.joinContact(w.chatId, 'Gabriele');
    for (const name of ['message', 'multimediaMessage', 'multimediaMessageStored', 'contactEnded', 'userLeft', 'userAdded', 'error'] as const) {
      contact.on(name, (data) => events.push({ name, data }));
    }
  });
  after(async () => {
    sdk.disconnect();
    await w.close();
  });

  it('GetMultimediaMessageInActiveChat answers seed 000 for fullsize, thumbnail and link', async () => {
    const bytes = await png(640, 480);
    const image = await visitorSendsFile(w, 'IMAGE', bytes, 'happy.png', 'myImage');
    await w.t.server.services.media.idle();
    const full = await contact.GetMultimediaMessageInActiveChat(w.chatId, image.id);
    assertSeedObject(full, { chatID: w.chatId, messageID: image.id, messageType: 'IMAGE', format: 'fullsize', payloadKey: 'img' });
    assert.equal(full.data!.content.img, bytes.toString('base64'));
    assert.equal(full.data!.content.caption, 'myImage');
    assert.equal(full.data!.content.fileName, 'happy.png');
    assert.equal(full.data!.content.documentType, 'png');
    const user = full.data!.content.user;
    assert.equal(user.id, w.visitor.id);
    assert.equal(user.nickname, 'Mario Rossi');
    assert.equal(user.isAgent, false);
    assert.equal(user.userAgent, 'Mozilla/5.0 test');
    assert.equal(user.firstUri, 'https://shop.example/help');
    assert.equal(user.channel, 'web');
    assert.equal(user.isOnline, true);
    assert.equal(typeof user.beginTime, 'number');
    // The same object the server's route answers.
    const raw = await as(w, w.agent.token, 'GET', `/v1/chats/${w.chatId}/messages/${image.id}/media?format=fullsize`);
    assert.deepEqual(full, { ...(raw.body as object) });

    const thumb = await contact.GetMultimediaMessageInActiveChat(w.chatId, image.id, 'thumbnail');
    assertSeedObject(thumb, { chatID: w.chatId, messageID: image.id, messageType: 'IMAGE', format: 'thumbnail', payloadKey: 'img' });
    const meta = await sharp(Buffer.from(thumb.data!.content.img!, 'base64')).metadata();
    assert.ok(meta.width < 640, `a thumbnail is smaller (${meta.width})`);

    const link = await contact.GetMultimediaMessageInActiveChat(w.chatId, image.id, 'link');
    assertSeedObject(link, { chatID: w.chatId, messageID: image.id, messageType: 'IMAGE', format: 'link', payloadKey: 'link' });
    assert.equal(link.data!.content.link, `/livechat/DEFAULT/downloadDocument/${encodeURIComponent(w.chatId)}/${image.id}`);

    // inlineMedia: the event itself carried the base64 (seed 002's text).
    await waitUntil(() => of('multimediaMessage').some((e) => e.id === image.id), 'multimediaMessage with img');
    const event = of('multimediaMessage').find((e) => e.id === image.id)!;
    assert.equal(event.content.img, bytes.toString('base64'));
    assert.equal(event.content.documentType, 'png');

    const doc = await visitorSendsFile(w, 'DOCUMENT', pdf(), 'guide.pdf', 'myDoc');
    const docObj = await contact.GetMultimediaMessageInActiveChat(w.chatId, doc.id);
    assertSeedObject(docObj, { chatID: w.chatId, messageID: doc.id, messageType: 'DOCUMENT', format: 'fullsize', payloadKey: 'document' });
    assert.equal(docObj.data!.content.document, pdf().toString('base64'));
    await waitUntil(() => of('multimediaMessage').some((e) => e.id === doc.id), 'multimediaMessage with document');
    assert.equal(of('multimediaMessage').find((e) => e.id === doc.id)!.content.document, pdf().toString('base64'));
  });

  it('multimediaMessageStored follows a large image', async () => {
    const big = await visitorSendsFile(w, 'IMAGE', await noisyPng(3000, 1500), 'big.png', 'big');
    await w.t.server.services.media.idle();
    await waitUntil(() => of('multimediaMessageStored').some((e) => e.messageID === big.id), 'multimediaMessageStored', 15_000);
    const stored = of('multimediaMessageStored').find((e) => e.messageID === big.id)!;
    assert.equal(stored.chatID, w.chatId);
    assert.equal(stored.format, 'fullsize');
    assert.equal(stored.width, 2048);
  });

  it('the agent sends text, links, files and typing that the visitor receives; no echo of its own', async () => {
    const before = events.length;
    const typing: string[] = [];
    w.visitor.client.on('typing', (t) => typing.push(t.state));
    await contact.isWriting(true);
    const text = await contact.sendMessage('Ecco il modulo');
    const link = await contact.SendLink('https://www.example.com/help');
    const file = await contact.SendMultimediaMessage(pdf(), 'Il modulo', { fileName: 'modulo.pdf' });
    const image = await contact.SendMultimediaMessage(new Blob([new Uint8Array(await png(32, 32))], { type: 'image/png' }));
    await contact.isWriting(false);
    assert.equal(text.messageType, 'TEXT');
    assert.equal(link.messageType, 'LINK');
    assert.equal(file.messageType, 'DOCUMENT');
    assert.equal(file.content.caption, 'Il modulo');
    assert.equal(image.messageType, 'IMAGE');
    await waitUntil(() => w.visitor.received.some((m) => m.id === image.id) && typing.includes('gone'), 'the visitor receives them');
    const got = w.visitor.received.filter((m) => [text.id, link.id, file.id, image.id].includes(m.id));
    assert.deepEqual(
      got.map((m) => [m.messageType, m.content.user.id, m.content.user.isAgent]),
      [
        ['TEXT', w.agent.id, true],
        ['LINK', w.agent.id, true],
        ['DOCUMENT', w.agent.id, true],
        ['IMAGE', w.agent.id, true],
      ],
    );
    assert.deepEqual(typing, ['composing', 'gone']);
    await sleep(100);
    assert.equal(events.length, before, 'the agent’s own messages are not reported back as incoming');
  });

  it('joining again returns the same contact; userAdded names the participant', async () => {
    assert.equal(await sdk.LIVECHAT.joinContact(w.chatId), contact);
    const invited = await as(w, w.agent.token, 'POST', `/v1/livechat/chats/${w.chatId}/invite`, { agentId: w.agent2.id });
    assert.equal(invited.status, 201);
    await waitUntil(() => of('userAdded').length > 0, 'userAdded');
    assert.deepEqual(of('userAdded')[0]!.content.user, { id: w.agent2.id, nickname: 'Anna Bianchi', isAgent: true });
  });

  it('endContact ends the chat: contactEnded, then the contact refuses actions', async () => {
    await sdk.LIVECHAT.endContact(w.chatId);
    await waitUntil(() => of('contactEnded').length === 1, 'contactEnded');
    assert.equal(of('contactEnded')[0]!.content.user?.id, w.agent.id);
    assert.equal(contact.closed, true);
    await assert.rejects(contact.sendMessage('late'), { code: 'E_CONTACT_CLOSED' });
    await assert.rejects(sdk.LIVECHAT.joinContact(w.chatId), { code: 'E_CHAT_ENDED' });
    assert.deepEqual(of('error'), []);
  });
});
