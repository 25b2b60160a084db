// Suite 6, smoke form: the soak of `npm run soak -- --minutes N` for a few seconds.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { report } from './support/figures.js';
import { runSoak } from './support/soak-runner.js';

describe('soak (smoke)', () => {
  it('runs at half capacity with sessions coming and going: 0 lost, 0 server errors', async () => {
    const result = await runSoak({ durationMs: 8_000, warmupMs: 3_000, probeMs: 1_500, users: 24, sessions: 12 });
    report('soak-smoke', { ...result });
    assert.ok(result.acked > 0, 'messages were sent');
    assert.ok(result.connects > 12, 'sessions came and went');
    assert.equal(result.lost, 0);
    assert.equal(result.serverErrors, 0);
  });
});
