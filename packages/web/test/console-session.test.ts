// The console's session logic in Node: when a token is renewed, how long it lives, which page a link
// opens, how a refusal reads on a form; and an AuthSession against a real server — a refusal to renew
// ends the session (once, for its listeners), a server that cannot be reached does not.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../server/test/helpers/server.js';
import { AuthApi, AuthError } from '../src/console/auth-api.js';
import { formErrorsOf } from '../src/console/auth-errors.js';
import { AuthSession, REFRESH_AHEAD_MS, refreshDelay, SESSION_ENDED, tokenLifetime } from '../src/console/auth-session.js';
import { linkRoute } from '../src/console/link-route.js';
import { describeAgent } from '../src/console/user-agent.js';

const jwt = (claims: Record<string, unknown>) => `e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;

describe('console session rules', () => {
  it('renews a minute before the end, or half-way through a short token', () => {
    assert.equal(refreshDelay(15 * 60_000), 15 * 60_000 - REFRESH_AHEAD_MS);
    assert.equal(refreshDelay(10_000), 5_000);
    assert.equal(refreshDelay(120_000), 60_000);
    assert.equal(refreshDelay(0), 1_000, 'never a busy loop');
  });

  it("a token's lifetime comes from its own iat/exp, else from expiresAt against this clock", () => {
    assert.equal(tokenLifetime(jwt({ iat: 1000, exp: 1900 }), 0), 900_000, 'a browser clock that is off does not matter');
    const now = 1_767_225_600_000;
    assert.equal(tokenLifetime('not-a-jwt', now + 30_000, now), 30_000);
    assert.equal(tokenLifetime('not-a-jwt', now / 1000 + 60, now), 60_000, 'seconds since the epoch are read as such');
    assert.equal(tokenLifetime(jwt({ iat: 10 }), now - 5_000, now), 0, 'already expired: renew at once');
  });

  it('links open their page; other addresses open none', () => {
    assert.deepEqual(linkRoute('#/setup?token=abc'), { page: 'setup', token: 'abc' });
    assert.deepEqual(linkRoute('#/accept?token=a%2Bb'), { page: 'accept', token: 'a+b' });
    assert.deepEqual(linkRoute('#/reset?token=x&y=1'), { page: 'reset', token: 'x' });
    assert.equal(linkRoute('#/reset?token='), null);
    assert.equal(linkRoute('#/admin/agents'), null);
    assert.equal(linkRoute('#token=abc'), null);
  });

  it('sessions name the browser and system, not the whole User-Agent', () => {
    assert.equal(describeAgent('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36'), 'Chrome on Linux');
    assert.equal(describeAgent('Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1'), 'Safari on iOS');
    assert.equal(describeAgent('Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0'), 'Firefox on Windows');
    assert.equal(describeAgent('node'), 'node');
    assert.equal(describeAgent(''), 'Unknown browser');
  });

  it('a refusal lands under its field, a throttle says how long to wait', () => {
    assert.deepEqual(formErrorsOf(new AuthError('E_VALIDATION', 'Too common', 400, '/password')), { password: 'Too common' });
    assert.deepEqual(formErrorsOf(new AuthError('E_RATE_LIMITED', 'slow down', 429, undefined, 30)), { form: 'Too many attempts. Try again in 30 seconds.' });
    assert.deepEqual(formErrorsOf(new AuthError('E_RATE_LIMITED', 'slow down', 429, undefined, 900)), { form: 'Too many attempts. Try again in 15 minutes.' });
    assert.deepEqual(formErrorsOf(new AuthError('E_LOGIN_FAILED', 'Email or password is incorrect', 401)), { form: 'Email or password is incorrect' });
    assert.match(formErrorsOf(new AuthError('E_LINK_INVALID', 'bad', 400)).form ?? '', /not valid any more/);
  });
});

describe('AuthSession against a real server', () => {
  const owner = { email: 'owner@session.example', password: 'Teal-trainers-on-sale' };
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ config: { owner } });
  });
  after(() => t.close());

  it('signs in, then a refused renewal (no refresh cookie here) ends the session once', async () => {
    const api = new AuthApi(t.url);
    const signed = await api.login(owner.email, owner.password);
    assert.equal(signed.account.role, 'owner');
    const session = AuthSession.signedIn(api, signed);
    try {
      const ended: string[] = [];
      session.onEnded((m) => ended.push(m));
      assert.equal(await session.source(), signed.accessToken, 'the first ask: the token at hand');
      // Asked again for the same token (a 401 or 4401): it renews, and the server refuses.
      await assert.rejects(session.source(), (e: unknown) => e instanceof AuthError && e.code === 'E_SESSION_REVOKED');
      assert.deepEqual(ended, [SESSION_ENDED]);
      await assert.rejects(session.refresh(), (e: unknown) => e instanceof AuthError && e.code === 'E_SESSION_REVOKED');
      assert.deepEqual(ended, [SESSION_ENDED], 'told once');
    } finally {
      session.close();
    }
  });

  it('a wrong password is E_LOGIN_FAILED with the server message', async () => {
    const api = new AuthApi(t.url);
    await assert.rejects(api.login(owner.email, 'not-the-password'), (e: unknown) => e instanceof AuthError && e.code === 'E_LOGIN_FAILED' && e.status === 401);
  });

  it('a server that cannot be reached does not end the session', async () => {
    const signed = await new AuthApi(t.url).login(owner.email, owner.password);
    const gone = new AuthApi('http://127.0.0.1:9');
    const session = AuthSession.signedIn(gone, signed);
    try {
      const ended: string[] = [];
      session.onEnded((m) => ended.push(m));
      await assert.rejects(session.refresh(), (e: unknown) => e instanceof AuthError && e.code === 'E_DISCONNECTED');
      assert.deepEqual(ended, [], 'still signed in: it tries again');
      assert.equal(session.token, signed.accessToken);
    } finally {
      session.close();
    }
  });
});
