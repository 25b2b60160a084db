// Suite 9: tokens. Every bad token is refused before the WebSocket upgrade (and on REST), a revoked
// user's sockets close within seconds, tokens never ride in a URL, and no log line carries one.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPair, SignJWT, exportJWK } from 'jose';
import { startTestServer, type TestServer, type TestUser } from '../helpers/server.js';
import { RawClient } from '../helpers/ws-client.js';
import { LogCapture } from './support/log-capture.js';
import { errorCode, send } from './support/http.js';
import { tryUpgrade } from './support/upgrade.js';

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('tokens', () => {
  let t: TestServer;
  let alice: TestUser;
  let secret: Uint8Array;
  const logs = new LogCapture();
  before(async () => {
    t = await startTestServer({ config: { heartbeatMs: 60_000, logLevel: 'debug', logRequests: true }, logStream: logs });
    alice = await t.createUser('agent', 'Alice');
    secret = new TextEncoder().encode(await t.store.getOrCreateSetting('token_secret', () => 'unused'));
  });
  after(() => t.close());

  /** A token with Alice's claims, changed by `edit`, signed with the server's key unless told. */
  async function forge(edit: (jwt: SignJWT) => SignJWT = (j) => j, claims: Record<string, unknown> = {}, alg = 'HS256'): Promise<string> {
    const jwt = new SignJWT({ tid: t.tenantId, knd: 'agent', tv: 0, ...claims })
      .setProtectedHeader({ alg, typ: 'JWT' })
      .setSubject(alice.id)
      .setIssuer('parley')
      .setAudience('parley')
      .setIssuedAt()
      .setExpirationTime('10m');
    return edit(jwt).sign(secret);
  }

  async function badTokens(): Promise<Record<string, { token: string; code: string }>> {
    const now = Math.floor(Date.now() / 1000);
    const payload = { tid: t.tenantId, knd: 'agent', tv: 0, sub: alice.id, iss: 'parley', aud: 'parley', iat: now, exp: now + 600 };
    const [head, body, sig] = alice.token.split('.') as [string, string, string];
    const rsa = await generateKeyPair('RS256');
    const rsToken = await new SignJWT(payload).setProtectedHeader({ alg: 'RS256' }).sign(rsa.privateKey);
    // Algorithm confusion: an HS256 token whose HMAC key is the text of a public key, as a server
    // that took the key from the token's header would verify it.
    const publicJwk = JSON.stringify(await exportJWK(rsa.publicKey));
    const confused = await new SignJWT(payload).setProtectedHeader({ alg: 'HS256', jwk: JSON.parse(publicJwk) as Record<string, string> }).sign(new TextEncoder().encode(publicJwk));
    return {
      expired: { token: await forge((j) => j.setExpirationTime(now - 60)), code: 'E_TOKEN_EXPIRED' },
      'wrong audience': { token: await forge((j) => j.setAudience('someone-else')), code: 'E_TOKEN_INVALID' },
      'wrong issuer': { token: await forge((j) => j.setIssuer('evil')), code: 'E_TOKEN_INVALID' },
      'alg none': { token: `${b64({ alg: 'none', typ: 'JWT' })}.${b64(payload)}.`, code: 'E_TOKEN_INVALID' },
      'alg none, signature kept': { token: `${b64({ alg: 'none', typ: 'JWT' })}.${b64(payload)}.${sig}`, code: 'E_TOKEN_INVALID' },
      'RS256 (algorithm confusion)': { token: rsToken, code: 'E_TOKEN_INVALID' },
      'HS256 keyed by a public key in the header': { token: confused, code: 'E_TOKEN_INVALID' },
      'HS512 with the right secret': { token: await forge((j) => j, {}, 'HS512'), code: 'E_TOKEN_INVALID' },
      'tampered payload': { token: `${head}.${b64({ ...payload, sub: 'AGENT_someone_else' })}.${sig}`, code: 'E_TOKEN_INVALID' },
      'tampered signature': { token: `${head}.${body}.${sig.slice(0, -2)}${sig.endsWith('AA') ? 'BB' : 'AA'}`, code: 'E_TOKEN_INVALID' },
      'another tenant in the claims': { token: await forge((j) => j, { tid: 'OTHER' }), code: 'E_TOKEN_INVALID' },
      'old token version': { token: await forge((j) => j, { tv: -1 }), code: 'E_TOKEN_INVALID' },
      'no expiry': { token: await new SignJWT({ tid: t.tenantId, knd: 'agent', tv: 0 }).setProtectedHeader({ alg: 'HS256' }).setSubject(alice.id).setIssuer('parley').setAudience('parley').sign(secret), code: 'E_TOKEN_INVALID' },
      garbage: { token: 'not.a.jwt', code: 'E_TOKEN_INVALID' },
    };
  }

  it('refuses a missing token before the upgrade and on REST', async () => {
    const ws = await tryUpgrade(t.wsUrl, ['parley.v1']);
    assert.equal(ws.status, 401);
    assert.equal(ws.body?.error?.code, 'E_UNAUTHENTICATED');
    const rest = await send(t.url, { method: 'GET', path: '/v1/me' });
    assert.equal(rest.status, 401);
    assert.equal(errorCode(rest), 'E_UNAUTHENTICATED');
  });

  it('refuses every bad token before the upgrade and on REST, with its code', async () => {
    for (const [name, { token, code }] of Object.entries(await badTokens())) {
      const bySubprotocol = await tryUpgrade(t.wsUrl, ['parley.v1', `bearer.${token}`]);
      assert.equal(bySubprotocol.status, 401, `${name}: upgrade by subprotocol`);
      assert.equal(bySubprotocol.body?.error?.code, code, `${name}: upgrade code`);
      const byHeader = await tryUpgrade(t.wsUrl, ['parley.v1'], { headers: { authorization: `Bearer ${token}` } });
      assert.equal(byHeader.status, 401, `${name}: upgrade by header`);
      const rest = await send(t.url, { method: 'GET', path: '/v1/me', headers: { authorization: `Bearer ${token}` } });
      assert.equal(rest.status, 401, `${name}: REST`);
      assert.equal(errorCode(rest), code, `${name}: REST code`);
    }
    // The control: the same forging code with nothing changed is accepted.
    assert.equal((await tryUpgrade(t.wsUrl, ['parley.v1', `bearer.${await forge()}`])).status, 101);
  });

  it('takes no token from the URL of the upgrade', async () => {
    for (const query of [`?token=${alice.token}`, `?access_token=${alice.token}`, `?bearer=${alice.token}`]) {
      const res = await tryUpgrade(`${t.wsUrl}${query}`, ['parley.v1']);
      assert.equal(res.status, 401, query.split('=')[0]);
    }
  });

  it("closes a revoked user's sockets within seconds, and refuses the old token after", async () => {
    const bob = await t.createUser('member', 'Bob');
    const sockets = [await RawClient.connect(t.wsUrl, bob.token), await RawClient.connect(t.wsUrl, bob.token, { headerAuth: true })];
    const started = Date.now();
    assert.equal((await t.admin('POST', `/v1/admin/users/${bob.id}/revoke`)).status, 204);
    for (const s of sockets) await s.waitFor(() => s.closed !== null, 'the close', 3000);
    const closedWithinMs = Date.now() - started;
    assert.ok(closedWithinMs < 3000, `closed after ${closedWithinMs} ms`);
    for (const s of sockets) assert.equal(s.closed?.code, 4401);
    const again = await tryUpgrade(t.wsUrl, ['parley.v1', `bearer.${bob.token}`]);
    assert.equal(again.status, 401);
    assert.equal(again.body?.error?.code, 'E_TOKEN_INVALID');
  });

  it('regression: a token under an unlisted query parameter (?bearer=, ?jwt=) or in a path is not logged', async () => {
    const dave = await t.createUser('member', 'Dave');
    const from = logs.lines.length;
    await tryUpgrade(`${t.wsUrl}?bearer=${dave.token}`, ['parley.v1']);
    await send(t.url, { method: 'GET', path: `/v1/me?jwt=${dave.token}&k=${t.adminKey}` });
    await send(t.url, { method: 'GET', path: `/v1/chats/${dave.token}` });
    for (let i = 0; i < 40 && logs.lines.length - from < 2; i++) await new Promise((r) => setTimeout(r, 25));
    const lines = logs.lines.slice(from);
    assert.ok(lines.length >= 2, `the requests were logged: ${lines.join('\n')}`);
    const signature = dave.token.split('.')[2] as string;
    assert.deepEqual(lines.filter((l) => l.includes(signature) || l.includes(t.adminKey)), []);
  });

  it('writes no token, key or secret in any log line', async () => {
    // Make the server log as much as it can: requests with tokens in headers, failed ones, an
    // upgrade with the token in the subprotocol, tokens in query strings, a media download token.
    const carol = await t.createUser('member', 'Carol');
    const chat = await t.createChat('group', [alice.id, carol.id]);
    const secrets = [alice.token, carol.token, t.adminKey, ...Object.values(await badTokens()).map((b) => b.token)];
    const socket = await RawClient.connect(t.wsUrl, carol.token);
    await socket.request('send', { chatId: chat.id, messageType: 'TEXT', content: { text: 'hello' } });
    socket.close();
    await tryUpgrade(`${t.wsUrl}?token=${carol.token}`, ['parley.v1', `bearer.${carol.token}x`]);
    await tryUpgrade(`${t.wsUrl}?bearer=${carol.token}`, ['parley.v1']);
    await send(t.url, { method: 'GET', path: `/v1/me?token=${carol.token}&access_token=${carol.token}`, headers: { authorization: `Bearer ${carol.token}` } });
    await send(t.url, { method: 'GET', path: '/v1/me', headers: { authorization: `Bearer ${carol.token}x` } });
    await send(t.url, { method: 'GET', path: '/v1/me', headers: { 'x-api-key': `${t.adminKey}` } });
    await send(t.url, { method: 'GET', path: `/v1/media/download?fileToken=${carol.token}&fileKey=${carol.token}` });
    await send(t.url, { method: 'POST', path: '/v1/admin/users', headers: { authorization: `Bearer ${t.adminKey}` }, body: { kind: 'member', nickname: carol.token.slice(0, 90) } });
    const created = await t.admin<{ id: string; key: string }>('POST', '/v1/admin/api-keys', { name: 'ci' });
    secrets.push(created.body.key);
    await send(t.url, { method: 'GET', path: '/v1/me', headers: { authorization: `Bearer ${created.body.key}` } });
    await new Promise((r) => setTimeout(r, 100));
    assert.ok(logs.lines.length > 10, `the server logged ${logs.lines.length} lines`);
    // A whole token, or its signature (a token cut in two is still a token).
    const needles = secrets.flatMap((s) => [s, s.split('.')[2] ?? '']).filter((s) => s.length >= 16);
    const leaks = logs.lines.filter((line) => needles.some((s) => line.includes(s)));
    assert.deepEqual(leaks, []);
  });
});
