import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { runExample } from './run-example.js';

const SCRIPT = fileURLToPath(new URL('../../../../examples/node-client/index.mjs', import.meta.url));

describe('examples/node-client', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer();
  });
  after(async () => t.close());

  it('creates two users, connects both with the SDK, and they exchange messages', async () => {
    const run = await runExample(process.execPath, ['--conditions=source', '--import', 'tsx', SCRIPT], { PARLEY_URL: t.url, PARLEY_ADMIN_KEY: t.adminKey });
    assert.equal(run.code, 0, run.output);
    assert.match(run.output, /Bob received: Hello Bob!/);
    assert.match(run.output, /Alice received: Hi Alice, all good!/);
  });
});
