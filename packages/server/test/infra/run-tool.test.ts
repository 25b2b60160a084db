import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runTool, toolRuns } from '../../src/infra/tools/index.js';

/** The one way the server runs outside tools: a deadline, an output cap, no shell. */
describe('runTool', () => {
  it('kills a tool at its deadline', async () => {
    const out = await runTool('sleep', ['30'], 100);
    assert.equal(out.code, null, 'killed, not exited');
  });

  it('kills a tool whose output passes the cap, keeping at most the cap', async () => {
    const out = await runTool('yes', ['parley'], 30_000, 64 * 1024);
    assert.equal(out.code, null);
    assert.ok(out.stdout.length <= 64 * 1024, `${out.stdout.length} bytes kept`);
  });

  it('passes arguments as they are: no shell expands them', async () => {
    const out = await runTool('echo', ['$HOME', '`id`', ';', 'ls'], 10_000);
    assert.equal(out.code, 0);
    assert.equal(out.stdout.toString(), '$HOME `id` ; ls\n');
  });

  it('a missing tool does not run', async () => {
    assert.equal(await toolRuns('parley-no-such-tool', ['-v']), false);
    await assert.rejects(runTool('parley-no-such-tool', [], 1000), { code: 'ENOENT' });
  });
});
