import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { expiresSoon, refreshDelay, tokenTimes } from '../src/token-refresh.js';

/** An unsigned JWT-shaped token with this payload (the client never verifies; the server does). */
const jwt = (payload: Record<string, unknown>) =>
  ['{"alg":"HS256","typ":"JWT"}', JSON.stringify(payload), 'sig'].map((p, i) => (i < 2 ? Buffer.from(p).toString('base64url') : p)).join('.');

describe('token renewal planning (pure)', () => {
  it('reads exp and iat of a JWT without verifying, and nothing of other strings', () => {
    assert.deepEqual(tokenTimes(jwt({ sub: 'u', exp: 1_700_000_900, iat: 1_700_000_000 })), { expiresAt: 1_700_000_900_000, issuedAt: 1_700_000_000_000 });
    assert.deepEqual(tokenTimes(jwt({ exp: 1_700_000_900 })), { expiresAt: 1_700_000_900_000 });
    // base64url characters (- and _) and a payload that needs padding
    assert.deepEqual(tokenTimes(jwt({ n: '>>>???', exp: 2_000_000_000, iat: 1_999_999_990 }))?.expiresAt, 2_000_000_000_000);
    for (const bad of ['', 'pk_admin_key', 'a.b.c', jwt({ iat: 1 }), jwt({ exp: 'soon' }), 'x.%%%.y']) assert.equal(tokenTimes(bad), undefined, bad);
  });

  it('renews 60 s before expiry, or at 80 % of the lifetime of a short token', () => {
    const now = 1_000_000;
    // 15 minutes: a minute before the end.
    assert.equal(refreshDelay({ issuedAt: now, expiresAt: now + 900_000 }, now), 840_000);
    // 10 seconds: after 8.
    assert.equal(refreshDelay({ issuedAt: now, expiresAt: now + 10_000 }, now), 8_000);
    // Without iat the lifetime counts from now.
    assert.equal(refreshDelay({ expiresAt: now + 10_000 }, now), 8_000);
    // Already due or expired: now.
    assert.equal(refreshDelay({ issuedAt: now - 900_000, expiresAt: now + 30_000 }, now), 0);
    assert.equal(refreshDelay({ issuedAt: now - 900_000, expiresAt: now - 5_000 }, now), 0);
    // Never beyond what setTimeout can wait.
    assert.equal(refreshDelay({ issuedAt: now, expiresAt: now + 90 * 24 * 3600_000 }, now), 2 ** 31 - 1);
  });

  it('plans on the server clock: a server 5 s ahead means renewing 5 s earlier by ours', () => {
    const now = 1_000_000;
    assert.equal(refreshDelay({ issuedAt: now + 5_000, expiresAt: now + 5_000 + 900_000 }, now, 5_000), 840_000);
    assert.equal(refreshDelay({ issuedAt: now - 5_000, expiresAt: now - 5_000 + 900_000 }, now, -5_000), 840_000);
  });

  it('a cached token whose renewal time has come is renewed before a reconnect', () => {
    const s = Math.floor(Date.now() / 1000);
    assert.equal(expiresSoon(jwt({ exp: s + 900, iat: s }), Date.now()), false);
    assert.equal(expiresSoon(jwt({ exp: s + 30, iat: s - 870 }), Date.now()), true);
    assert.equal(expiresSoon(jwt({ exp: s - 1, iat: s - 901 }), Date.now()), true);
    assert.equal(expiresSoon('not-a-jwt', Date.now()), false);
  });
});
