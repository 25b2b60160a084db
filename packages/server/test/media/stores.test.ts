import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testStores } from '../helpers/stores.js';
import { jpeg, wav } from './fixtures.js';
import { call, sendMedia, startTestServer } from './media-client.js';

/** The media tables and queries on every store engine: upload, send, process, list, fetch. */
for (const backend of await testStores()) {
  describe(`media store: ${backend.name}`, { skip: backend.skip ?? false }, () => {
    it('records media, fills processed fields into the message, pages media messages', async () => {
      const t = await startTestServer({ store: backend.name });
      try {
        const alice = await t.createUser('member', 'Alice');
        const bob = await t.createUser('member', 'Bob');
        const chatId = (await t.createChat('direct', [alice.id, bob.id])).id;
        const image = await sendMedia(t, alice, chatId, 'IMAGE', await jpeg(400, 300), 'a.jpg');
        const audio = await sendMedia(t, bob, chatId, 'AUDIO', wav(0.75), 'b.wav');
        await t.server.services.media.idle();
        const media = await t.store.media.getMedia(t.tenantId, image.content.mediaId);
        assert.equal(media?.status, 'ready');
        assert.equal(media?.width, 400);
        assert.equal(typeof media?.size, 'number');
        const a = (await call(t, alice, 'GET', `/v1/chats/${chatId}/messages/${audio.id}`)).body.message.content;
        assert.equal(a.duration, 0.75);
        const list = await call(t, bob, 'GET', `/v1/chats/${chatId}/media`);
        assert.deepEqual(list.body.messages.map((m: any) => m.id), [audio.id, image.id]);
        assert.equal(list.body.messages[1].content.height, 300);
        assert.equal(list.body.hasMore, false);
      } finally {
        await t.close();
      }
    });
  });
}
