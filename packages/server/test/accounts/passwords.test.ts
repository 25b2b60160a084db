// Passwords at their real cost (scrypt N=2^17): a few hashes only, each a few hundred ms.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkPassword, dummyHash, hashPassword, passwordProblem, verifyPassword } from '../../src/domain/accounts/passwords.js';

describe('password hashing', () => {
  it('stores the parameters with a salted hash and verifies only the right password', async () => {
    const hash = await hashPassword('correct horse battery');
    assert.match(hash, /^scrypt\$131072\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    assert.equal(await verifyPassword('correct horse battery', hash), true);
    assert.equal(await verifyPassword('correct horse batterY', hash), false);
    const again = await hashPassword('correct horse battery');
    assert.notEqual(again, hash, 'a fresh salt each time');
  });

  it('verifies the same text whether its accents are composed or not', async () => {
    const hash = await hashPassword('caf\u00e9 au lait noir');
    assert.equal(await verifyPassword('cafe\u0301 au lait noir', hash), true);
  });

  it('answers false for a hash it cannot read, without throwing', async () => {
    for (const bad of ['', 'plain', 'scrypt$1$8$1$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5', 'bcrypt$x', 'scrypt$1073741824$8$1$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5a2V5']) {
      assert.equal(await verifyPassword('whatever-password', bad), false, bad);
    }
  });

  it('has a dummy hash that matches nothing typed', async () => {
    const hash = await dummyHash();
    assert.equal(await dummyHash(), hash, 'made once');
    assert.equal(await verifyPassword('', hash), false);
  });
});

describe('password policy', () => {
  const problem = (password: string, email = 'ada.lovelace@example.com') => passwordProblem(password, email);

  it('accepts a long uncommon password', async () => {
    assert.equal(await problem('violet-tram-ninety-4'), null);
    assert.equal(await problem('x'.repeat(128)), null);
  });

  it('refuses too short and too long ones', async () => {
    assert.match((await problem('Sh0rt!pw9')) ?? '', /at least 10/);
    assert.match((await problem('x'.repeat(129))) ?? '', /at most 128/);
    // Characters, not UTF-16 units: ten emoji are ten characters.
    assert.equal(await problem('🦜'.repeat(10)), null);
  });

  it('refuses common passwords whatever their case', async () => {
    assert.match((await problem('1234567890')) ?? '', /common/);
    assert.match((await problem('QwertyUiop')) ?? '', /common/);
  });

  it('refuses the email’s local part, alone or inside', async () => {
    assert.match((await problem('Ada.Lovelace')) ?? '', /email/);
    assert.match((await problem('my-ada.lovelace-2024')) ?? '', /email/);
    assert.equal(await problem('alpha-bravo-charlie', 'al@example.com'), null, 'a very short local part only counts when it is the whole password');
  });

  it('throws E_VALIDATION at /password with the reason', async () => {
    await assert.rejects(checkPassword('short', 'a@b.c'), (err: { code?: string; path?: string }) => err.code === 'E_VALIDATION' && err.path === '/password');
    await assert.rejects(checkPassword('short', 'a@b.c', '/newPassword'), (err: { path?: string }) => err.path === '/newPassword');
    await checkPassword('violet-tram-ninety-4', 'a@b.c');
  });
});
