import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { png, pdf } from '../../../server/test/media/fixtures.js';
import { LIVECHATSDK, installGlobal, type LivechatContact, type Message } from '../../src/index.js';
import { sleep, waitUntil } from '../helpers/sdk.js';
import { LogReader, as, capturedConsole, livechatWorld, seed002Example, visitorSendsFile, type LivechatWorld } from './world.js';

/**
 * THE test of the agent facade: seed 002's example, as written (its line breaks restored; only the
 * chat id literal is replaced by the real chat's), run after the documented init step against a real
 * server, while a visitor does everything the example listens to.
 */
describe('seed 002 example, as written, against a real server', () => {
  let w: LivechatWorld;
  before(async () => {
    w = await livechatWorld();
  });
  after(async () => {
    LIVECHATSDK.disconnect();
    await w.close();
  });

  it('logs the right values for every event', async () => {
    const { chatId, visitor, agent } = w;
    // The documented init step (packages/sdk/README.md) without `inlineMedia`: the metadata-only events
    // of seed 000 (readme-example.test.ts runs it with `inlineMedia`), then the seed's code as a page would run it.
    installGlobal();
    const login = await LIVECHATSDK.init({ url: w.t.url, token: agent.token, domain: 'DEFAULT' });
    assert.deepEqual(login.user, { id: agent.id, nickname: 'Gabriele Verde', isAgent: true });

    const example = await seed002Example(chatId);
    const { console: fakeConsole, lines } = capturedConsole();
    const MY_ACTIVE_CHAT: Record<string, LivechatContact> = {};
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- running the seed's snippet is the point
    const run = new Function('console', 'MY_ACTIVE_CHAT', example) as (c: unknown, m: unknown) => void;
    run(fakeConsole, MY_ACTIVE_CHAT);

    const log = new LogReader(lines);
    await waitUntil(() => MY_ACTIVE_CHAT[chatId] !== undefined, 'the contact in MY_ACTIVE_CHAT');
    const contact = MY_ACTIVE_CHAT[chatId]!;
    assert.equal(contact.contact.id, chatId);
    assert.equal(contact.contact.customer?.nickname, visitor.nickname);
    assert.match(lines[0]!, /^\[CTLive\] Contact JOINED LivechatContact \{ contact: \{ id: 'CHAT_DEFAULT_/);
    await log.next([lines[0]!], 'joined');
    await sleep(20); // the contact starts delivering after the join's .then callbacks

    // message
    const text = await visitor.client.send({ chatId, messageType: 'TEXT', content: { text: 'Buongiorno, vorrei informazioni' } });
    await log.next(
      [
        '[CTLIVE] On [message] event',
        'Nickname......Mario Rossi',
        'Text..........Buongiorno, vorrei informazioni',
        'Is Agent......false',
        `Msg ID........${text.id}`,
      ],
      'message',
    );

    // link
    const link = await visitor.client.send({ chatId, messageType: 'LINK', content: { url: 'https://www.google.it' } });
    await log.next(
      [
        '[CTLIVE] On [link] event',
        'URL................ https://www.google.it',
        'Is Agent...........false',
        'User Nickname......Mario Rossi',
        `User ID............${visitor.id}`,
        `Chat ID............${chatId}`,
        `Msg ID.............${link.id}`,
      ],
      'link',
    );

    // multimediaMessage: metadata only (seed 000); the bytes come with GetMultimediaMessageInActiveChat.
    const image = await visitorSendsFile(w, 'IMAGE', await png(64, 48), 'happy.png', 'myImage');
    await log.next(
      [
        '[CTLIVE] On [multimediaMessage] event',
        'Caption............myImage',
        'Is Agent...........false',
        'User Nickname......Mario Rossi',
        `User ID............${visitor.id}`,
        `Chat ID............${chatId}`,
        `Msg ID.............${image.id}`,
        'Content (Base64)...undefined',
      ],
      'multimediaMessage IMAGE',
    );
    const doc = await visitorSendsFile(w, 'DOCUMENT', pdf(), 'guide.pdf', 'myDoc');
    await log.next(
      [
        '[CTLIVE] On [multimediaMessage] event',
        'File Extension..... pdf',
        'File Caption....... myDoc',
        'Is Agent...........false',
        'User Nickname......Mario Rossi',
        `User ID............${visitor.id}`,
        `Chat ID............${chatId}`,
        `Msg ID.............${doc.id}`,
        'Content (Base64)...undefined',
      ],
      'multimediaMessage DOCUMENT',
    );
    const fetched = await contact.GetMultimediaMessageInActiveChat(contact.contact.id, image.id);
    assert.equal(fetched.data?.content.img, (await png(64, 48)).toString('base64'));

    // isWriting: started, stopped; then started and lapsed without a "gone".
    await visitor.client.typing(chatId, 'composing');
    await log.next(['[CTLIVE] On [isWriting] event', 'Started/Stopped writing........ true'], 'isWriting true');
    await visitor.client.typing(chatId, 'gone');
    await log.next(['[CTLIVE] On [isWriting] event', 'Started/Stopped writing........ false'], 'isWriting false');
    await visitor.client.typing(chatId, 'composing');
    await log.next(['[CTLIVE] On [isWriting] event', 'Started/Stopped writing........ true'], 'isWriting true again');
    const lapsedAt = Date.now();
    await log.next(['[CTLIVE] On [isWriting] event', 'Started/Stopped writing........ false'], 'isWriting lapsed');
    assert.ok(Date.now() - lapsedAt > 4_000, 'false came when the composing notice lapsed');

    // messageReceived / messageSeen: the visitor's watermarks cover the agent's message.
    const mine = await contact.sendMessage('Buongiorno, sono Gabriele Verde, come posso esserle utile?');
    await waitUntil(() => visitor.received.some((m: Message) => m.id === mine.id), 'the visitor receives the agent message');
    await visitor.client.receipt(chatId, 'delivered', mine.seq);
    await log.next(['[CTLIVE] On [messageReceived] event', `Msg ID........${mine.id}`], 'messageReceived');
    await visitor.client.receipt(chatId, 'seen', mine.seq);
    await log.next(['[CTLIVE] On [messageSeen] event', `Msg ID........${mine.id}`], 'messageSeen');

    // userAdded: the agent invites a colleague.
    const invited = await as(w, agent.token, 'POST', `/v1/livechat/chats/${chatId}/invite`, { agentId: w.agent2.id });
    assert.equal(invited.status, 201, JSON.stringify(invited.body));
    await log.next(['[CTLIVE] On [userAdded] event'], 'userAdded');

    // contactEnded: the visitor ends the chat.
    const ended = await as(w, visitor.token, 'POST', `/v1/livechat/chats/${chatId}/end`);
    assert.equal(ended.status, 204, JSON.stringify(ended.body));
    await log.next(['[CTLIVE] On [contactEnded] event'], 'contactEnded');
    await sleep(150);
    assert.deepEqual(log.rest, [], 'nothing else was logged');
    assert.equal(contact.closed, true);
  });
});
