import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../src/config/index.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { runExample } from './run-example.js';

const example = (name: string) => fileURLToPath(new URL(`../../../../examples/${name}/index.mjs`, import.meta.url));
const node = (script: string) => [process.execPath, ['--conditions=source', '--import', 'tsx', script]] as const;

describe('examples/bot and examples/agent-facade', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ config: { webhooks: { ...loadConfig({}).webhooks, allowPrivateUrls: true } } });
  });
  after(async () => t.close());

  it('the bot greets a new live chat with a MENU and hands it over when the visitor asks for a person', async () => {
    const [cmd, args] = node(example('bot'));
    const run = await runExample(cmd, [...args], { PARLEY_URL: t.url, PARLEY_ADMIN_KEY: t.adminKey, DEMO_VISITOR: 'true' });
    assert.equal(run.code, 0, run.output);
    assert.match(run.output, /bot: sent a MENU in CHAT_DEFAULT_/);
    assert.match(run.output, /visitor: got "Hello! How can I help\?"/);
    assert.match(run.output, /bot: handed CHAT_DEFAULT_\S+ over to Support/);
    // The bot has exited: clear the entry-bot setting so the next example's chat goes to the queue.
    assert.equal((await t.admin('PUT', '/v1/livechat/entry-bot', { userId: null })).status, 204);
  });

  it('the agent joins with LIVECHATSDK and logs what the seed 002 example logs', async () => {
    const [cmd, args] = node(example('agent-facade'));
    const run = await runExample(cmd, [...args], { PARLEY_URL: t.url, PARLEY_ADMIN_KEY: t.adminKey });
    assert.equal(run.code, 0, run.output);
    assert.match(run.output, /\[CTLive\] Contact JOINED CHAT_DEFAULT_/);
    assert.match(run.output, /Nickname\.\.\.\.\.\.Chris/);
    assert.match(run.output, /Text\.\.\.\.\.\.\.\.\.\.Hello, where is my order\?/);
    assert.match(run.output, /Is Agent\.\.\.\.\.\.false/);
    assert.match(run.output, /URL\.+ https:\/\/shop\.example\/orders\/42/);
    assert.match(run.output, /Started\/Stopped writing\.+ true/);
    assert.match(run.output, /\[CTLIVE\] On \[messageSeen\] event/);
    assert.match(run.output, /\[CTLIVE\] On \[contactEnded\] event/);
  });
});
