import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { drawnPdf, png } from '../../../server/test/media/fixtures.js';
import { LIVECHATSDK, type LivechatContact } from '../../src/index.js';
import { sleep, waitUntil } from '../helpers/sdk.js';
import { LogReader, capturedConsole, livechatWorld, seed002Example, visitorSendsFile, type LivechatWorld } from './world.js';

type Snippet = (...args: unknown[]) => Promise<void>;
/** The constructor of async functions, so a snippet with top-level `await` runs as a page would run it. */
const AsyncFunction = Object.getPrototypeOf(async function () {
  await Promise.resolve();
}).constructor as new (...args: string[]) => Snippet;

/** The first code block of the README's agent facade section, exactly as a reader would copy it. */
async function readmeAgentBlock(): Promise<string> {
  const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('## Agent facade'));
  const block = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  assert.ok(block, 'the README has a code block in its agent facade section');
  return block;
}

/**
 * The README's agent example as pasted (only its placeholders given values: the server address, the
 * token function, the chat id), then seed 002's example after it, as written: with the README's init,
 * both log the base64 of the files the visitor sends.
 */
describe('README agent example, as pasted, with seed 002 after it', () => {
  let w: LivechatWorld;
  before(async () => {
    w = await livechatWorld();
  });
  after(async () => {
    LIVECHATSDK.disconnect();
    await w.close();
  });

  it('init with inlineMedia: multimediaMessage logs the base64 in both examples', async () => {
    const { chatId, visitor, agent } = w;
    const block = await readmeAgentBlock();
    assert.match(block, /inlineMedia: true,/, 'the documented init fills the base64');
    const url = "'https://chat.example.com'";
    assert.ok(block.includes(url));
    const code = block
      .split('\n')
      .filter((line) => !line.startsWith('import '))
      .join('\n')
      .replace(url, JSON.stringify(w.t.url));
    const readmeLog = capturedConsole();
    const fetchAgentToken = () => Promise.resolve(agent.token);
    const readmeRun = new AsyncFunction('LIVECHATSDK', 'console', 'fetchAgentToken', 'chatId', code);
    await readmeRun(LIVECHATSDK, readmeLog.console, fetchAgentToken, chatId);

    const example = await seed002Example(chatId);
    const seedLog = capturedConsole();
    const MY_ACTIVE_CHAT: Record<string, LivechatContact> = {};
    const seedRun = new AsyncFunction('LIVECHATSDK', 'console', 'MY_ACTIVE_CHAT', example);
    await seedRun(LIVECHATSDK, seedLog.console, MY_ACTIVE_CHAT);
    await waitUntil(() => MY_ACTIVE_CHAT[chatId] !== undefined, 'the seed example joined');
    await sleep(20);
    const readme = new LogReader(readmeLog.lines);
    const seed = new LogReader(seedLog.lines);
    await seed.next([seedLog.lines[0]!], 'joined');

    const text = await visitor.client.send({ chatId, messageType: 'TEXT', content: { text: 'Buongiorno' } });
    await readme.next([`Mario Rossi Buongiorno false ${text.id}`], 'README message');

    const pngBytes = await png(64, 48);
    const image = await visitorSendsFile(w, 'IMAGE', pngBytes, 'happy.png', 'myImage');
    await readme.next([`Content (Base64)...${pngBytes.toString('base64')}`], 'README multimediaMessage IMAGE');
    await seed.next(['[CTLIVE] On [message] event', 'Nickname......Mario Rossi', 'Text..........Buongiorno', 'Is Agent......false', `Msg ID........${text.id}`], 'seed message');
    await seed.next(
      [
        '[CTLIVE] On [multimediaMessage] event',
        'Caption............myImage',
        'Is Agent...........false',
        'User Nickname......Mario Rossi',
        `User ID............${visitor.id}`,
        `Chat ID............${chatId}`,
        `Msg ID.............${image.id}`,
        `Content (Base64)...${pngBytes.toString('base64')}`,
      ],
      'seed multimediaMessage IMAGE',
    );

    const pdfBytes = drawnPdf([{ width: 300, height: 200, rgb: [0, 0.5, 0] }]);
    const doc = await visitorSendsFile(w, 'DOCUMENT', pdfBytes, 'guide.pdf', 'myDoc');
    await readme.next([`Content (Base64)...${pdfBytes.toString('base64')}`], 'README multimediaMessage DOCUMENT');
    await seed.next(
      [
        '[CTLIVE] On [multimediaMessage] event',
        'File Extension..... pdf',
        'File Caption....... myDoc',
        'Is Agent...........false',
        'User Nickname......Mario Rossi',
        `User ID............${visitor.id}`,
        `Chat ID............${chatId}`,
        `Msg ID.............${doc.id}`,
        `Content (Base64)...${pdfBytes.toString('base64')}`,
      ],
      'seed multimediaMessage DOCUMENT',
    );
    await sleep(100);
    assert.deepEqual(readme.rest, [], 'the README example logged nothing else');
    assert.deepEqual(seed.rest, [], 'the seed example logged nothing else');
  });
});
