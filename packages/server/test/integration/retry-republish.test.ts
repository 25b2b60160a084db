import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { validateContent, type MessageContentInput } from '@parley/protocol';
import { bodyHash } from '../../src/domain/messages/body-hash.js';
import { startTestServer, type TestServer, type TestUser } from '../helpers/server.js';
import { testStores } from '../helpers/stores.js';
import { RawClient } from '../helpers/ws-client.js';

/*
 * A send can commit and still be answered with an error: the database goes away between its COMMIT
 * and the answer, or the node dies after the commit and before it publishes. The client retries with
 * the same id and is told "already stored" — and the members who rely on the server's push must get
 * the message then, exactly once, or they never get it at all.
 */
for (const backend of await testStores()) {
  describe(`a retried send whose first answer was lost reaches every member (${backend.name})`, { skip: backend.skip ?? false }, () => {
    let ts: TestServer;
    let alice: TestUser;
    let bob: TestUser;
    let chatId: string;

    before(async () => {
      ts = await startTestServer({ store: backend.name });
      alice = await ts.createUser('member', 'Alice');
      bob = await ts.createUser('member', 'Bob');
      chatId = (await ts.createChat('direct', [alice.id, bob.id])).id;
    });
    after(() => ts?.close());

    /** Commits a message the way a send does, but publishes nothing: the node "died" after the commit. */
    async function commitUnannounced(text: string): Promise<string> {
      const id = randomUUID();
      const content = validateContent('TEXT', { text }) as MessageContentInput;
      const [result] = await ts.store.appendMessages([
        {
          tenantId: ts.tenantId,
          chatId,
          id,
          senderId: alice.id,
          messageType: 'TEXT',
          content,
          replyTo: '',
          mentions: [],
          forwardedFrom: null,
          ts: Date.now(),
          bodyHash: bodyHash({ chatId, messageType: 'TEXT', content, replyTo: '', mentions: [] }),
        },
      ]);
      assert.equal(result?.status, 'created');
      return id;
    }

    const messageIds = (client: RawClient) => client.eventsOf('message').map((m) => m.id);

    it('over the WebSocket: the retry announces the stored message once, and a second retry adds nothing', async () => {
      const aliceWs = await RawClient.connect(ts.wsUrl, alice.token);
      const bobWs = await RawClient.connect(ts.wsUrl, bob.token);
      await bobWs.request('resume', { cursors: {} });
      try {
        const lost = await commitUnannounced('committed, answer lost');
        const retry = await aliceWs.request('send', { chatId, id: lost, messageType: 'TEXT', content: { text: 'committed, answer lost' } });
        assert.equal(retry.ok, true, JSON.stringify(retry.error));
        await bobWs.waitFor(() => messageIds(bobWs).includes(lost), 'the retried message at the other member');

        const again = await aliceWs.request('send', { chatId, id: lost, messageType: 'TEXT', content: { text: 'committed, answer lost' } });
        assert.equal(again.ok, true);
        // A later message fences the check: everything published before it has reached Bob by then.
        const next = randomUUID();
        assert.equal((await aliceWs.request('send', { chatId, id: next, messageType: 'TEXT', content: { text: 'next' } })).ok, true);
        await bobWs.waitFor(() => messageIds(bobWs).includes(next), 'the next message');
        assert.deepEqual(messageIds(bobWs), [lost, next], 'Bob gets the retried message once, then the next one');
      } finally {
        aliceWs.close();
        bobWs.close();
      }
    });

    it('over REST: the retry announces the stored message to the members connected', async () => {
      const bobWs = await RawClient.connect(ts.wsUrl, bob.token);
      await bobWs.request('resume', { cursors: {} });
      try {
        const lost = await commitUnannounced('committed over REST, answer lost');
        const res = await fetch(`${ts.url}/v1/chats/${chatId}/messages`, {
          method: 'POST',
          headers: { authorization: `Bearer ${alice.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ id: lost, messageType: 'TEXT', content: { text: 'committed over REST, answer lost' } }),
        });
        assert.ok(res.ok, `${res.status} ${await res.text()}`);
        await bobWs.waitFor(() => messageIds(bobWs).includes(lost), 'the retried message at the other member');
        assert.equal(messageIds(bobWs).filter((id) => id === lost).length, 1);
      } finally {
        bobWs.close();
      }
    });
  });
}
