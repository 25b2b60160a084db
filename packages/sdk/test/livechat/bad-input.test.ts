import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LivechatError, LivechatSDK, ParleyError, type LivechatContact } from '../../src/index.js';
import { countRequests } from '../messenger/setup.js';
import { livechatWorld, type LivechatWorld } from './world.js';

/** Asserts a rejection with `code` (and `path`), and that no HTTP request was made when `noRequest`. */
async function refused(call: () => Promise<unknown>, code: string, path?: string, noRequest = true): Promise<void> {
  const counter = countRequests();
  try {
    await assert.rejects(call(), (err: unknown) => {
      assert.ok(err instanceof LivechatError || err instanceof ParleyError, `unexpected ${String(err)}`);
      assert.equal(err.code, code, err.message);
      if (path !== undefined) assert.equal((err as LivechatError).path, path);
      return true;
    });
    if (noRequest) assert.equal(counter.count(), 0, 'no request was made');
  } finally {
    counter.restore();
  }
}

describe('LIVECHATSDK bad input', () => {
  let w: LivechatWorld;
  const sdk = new LivechatSDK();
  let contact: LivechatContact;

  before(async () => {
    w = await livechatWorld();
  });
  after(async () => {
    sdk.disconnect();
    await w.close();
  });

  it('calls before init reject with E_NOT_INITIALIZED, without a request', async () => {
    const fresh = new LivechatSDK();
    await refused(() => fresh.LIVECHAT.joinContact(w.chatId), 'E_NOT_INITIALIZED');
    await refused(() => fresh.LIVECHAT.endContact(w.chatId), 'E_NOT_INITIALIZED');
    await refused(() => fresh.LIVECHAT.leave(w.chatId), 'E_NOT_INITIALIZED');
    assert.equal(fresh.client, undefined);
  });

  it('init checks its options before any request, and who the token belongs to', async () => {
    await refused(() => sdk.init(undefined as never), 'E_VALIDATION', '/options');
    await refused(() => sdk.init({ token: w.agent.token }), 'E_VALIDATION', '/url');
    await refused(() => sdk.init({ url: 'ftp://x', token: w.agent.token }), 'E_VALIDATION', '/url');
    await refused(() => sdk.init({ url: w.t.url }), 'E_VALIDATION', '/token');
    await refused(() => sdk.init({ url: w.t.url, token: 42 as never }), 'E_VALIDATION', '/token');
    await refused(() => sdk.init({ url: w.t.url, token: w.agent.token, inlineMedia: 'yes' as never }), 'E_VALIDATION', '/inlineMedia');
    await refused(() => sdk.init({ url: w.t.url, token: 'not-a-token' }), 'E_UNAUTHENTICATED', undefined, false);
    await refused(() => sdk.init({ url: w.t.url, token: w.visitor.token }), 'E_FORBIDDEN', undefined, false);
    await refused(() => sdk.init({ url: w.t.url, token: w.agent.token, domain: 'OTHER' }), 'E_VALIDATION', '/domain', false);
    // A failed init leaves the SDK uninitialised.
    await refused(() => sdk.LIVECHAT.joinContact(w.chatId), 'E_NOT_INITIALIZED');
  });

  it('joinContact checks its arguments first; an unknown chat rejects with the server code', async () => {
    await sdk.init({ url: w.t.url, token: w.agent.token });
    await refused(() => sdk.LIVECHAT.joinContact(42 as never), 'E_VALIDATION', '/chatId');
    await refused(() => sdk.LIVECHAT.joinContact(''), 'E_VALIDATION', '/chatId');
    await refused(() => sdk.LIVECHAT.joinContact('CHAT with spaces'), 'E_VALIDATION', '/chatId');
    await refused(() => sdk.LIVECHAT.joinContact(w.chatId, 7 as never), 'E_VALIDATION', '/nickname');
    await refused(() => sdk.LIVECHAT.endContact(null as never), 'E_VALIDATION', '/chatId');
    await refused(() => sdk.LIVECHAT.joinContact('CHAT_DEFAULT_00000000-0000-4000-8000-000000000000'), 'E_CHAT_NOT_FOUND', undefined, false);
    await refused(() => sdk.LIVECHAT.endContact('CHAT_DEFAULT_00000000-0000-4000-8000-000000000000'), 'E_CHAT_NOT_FOUND', undefined, false);
  });

  it('contact methods check their arguments before any request', async () => {
    contact = await sdk.LIVECHAT.joinContact(w.chatId);
    await refused(() => contact.sendMessage(3 as never), 'E_VALIDATION', '/text');
    await refused(() => contact.sendMessage('   '), 'E_VALIDATION', '/text');
    await refused(() => contact.sendMessage('x'.repeat(4097)), 'E_VALIDATION', '/text');
    await refused(() => contact.SendLink('javascript:alert(1)'), 'E_VALIDATION', '/url');
    await refused(() => contact.SendLink('not a url'), 'E_VALIDATION', '/url');
    await refused(() => contact.isWriting('yes' as never), 'E_VALIDATION', '/writing');
    await refused(() => contact.SendMultimediaMessage('file.png' as never), 'E_VALIDATION', '/file');
    await refused(() => contact.SendMultimediaMessage(new Uint8Array(0)), 'E_VALIDATION', '/file');
    await refused(() => contact.SendMultimediaMessage(new Uint8Array([1]), 5 as never), 'E_VALIDATION', '/caption');
    await refused(() => contact.SendMultimediaMessage(new Uint8Array([1]), 'c', { messageType: 'TEXT' as never }), 'E_VALIDATION', '/options/messageType');
    await refused(() => contact.SendMultimediaMessage(new Uint8Array([1]), 'c', { fileName: '../etc/passwd' }), 'E_VALIDATION', '/options/fileName');
    await refused(() => contact.GetMultimediaMessageInActiveChat(1 as never, 'm'), 'E_VALIDATION', '/chatID');
    await refused(() => contact.GetMultimediaMessageInActiveChat(w.chatId, undefined as never), 'E_VALIDATION', '/messageID');
    await refused(() => contact.GetMultimediaMessageInActiveChat(w.chatId, 'm', 'huge' as never), 'E_VALIDATION', '/format');
    assert.throws(() => contact.on('bogus' as never, () => undefined), { code: 'E_VALIDATION', path: '/event' });
    assert.throws(() => contact.on('message', 'nope' as never), { code: 'E_VALIDATION', path: '/callback' });
    // A message that is not there: the server's code.
    await refused(() => contact.GetMultimediaMessageInActiveChat(w.chatId, '00000000-0000-4000-8000-000000000000'), 'E_MESSAGE_NOT_FOUND', undefined, false);
  });

  it('leave closes the contact; it then refuses actions', async () => {
    await sdk.LIVECHAT.leave(w.chatId);
    assert.equal(contact.closed, true);
    await refused(() => contact.sendMessage('after leaving'), 'E_CONTACT_CLOSED');
  });
});
