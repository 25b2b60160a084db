// The origin rules of authz/origins.ts: canonical form, the admin's entries, and who is let in.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ParleyError } from '@parley/protocol';
import { normaliseOrigin, originAllowed, ownOrigins, parseAllowedOrigin } from '../../src/authz/index.js';

describe('origins', () => {
  it('normalises to scheme://host[:port]: lower case, default port dropped, IDN as punycode', () => {
    assert.equal(normaliseOrigin('HTTPS://Shop.Example'), 'https://shop.example');
    assert.equal(normaliseOrigin('https://shop.example:443'), 'https://shop.example');
    assert.equal(normaliseOrigin('http://shop.example:80'), 'http://shop.example');
    assert.equal(normaliseOrigin('http://shop.example:8080'), 'http://shop.example:8080');
    assert.equal(normaliseOrigin('https://bücher.example'), 'https://xn--bcher-kva.example');
    assert.equal(normaliseOrigin('http://[::1]:5173'), 'http://[::1]:5173');
  });

  it('is null for anything but an http(s) origin with nothing after the host', () => {
    for (const text of ['null', 'file://', 'ftp://shop.example', 'https://shop.example/', 'https://shop.example/path', 'https://shop.example?q', 'https://user@shop.example', 'https://shop.example@evil.example', 'https://shop.example\\@evil.example', 'https://shop .example', 'shop.example', '', 'https://']) {
      assert.equal(normaliseOrigin(text), null, text);
    }
  });

  it("takes an admin's entry with one trailing slash, and refuses paths, user info and trailing dots naming the field", () => {
    assert.equal(parseAllowedOrigin(' https://Shop.example/ ', '/allowedOrigins/0'), 'https://shop.example');
    assert.equal(parseAllowedOrigin('*', '/allowedOrigins/0'), '*');
    for (const text of ['https://shop.example/app', 'https://a@shop.example', 'shop.example', 'https://shop.example.', 'javascript:alert(1)']) {
      assert.throws(
        () => parseAllowedOrigin(text, '/allowedOrigins/3'),
        (err: unknown) => err instanceof ParleyError && err.code === 'E_VALIDATION' && err.toBody().path === '/allowedOrigins/3',
        text,
      );
    }
  });

  it('lets in no Origin, the own origin, the listed ones and, with *, any; refuses look-alikes', () => {
    const own = ownOrigins({ protocol: 'http', host: 'chat.example:8080' });
    assert.deepEqual(own, ['http://chat.example:8080', 'https://chat.example:8080']);
    const list = ['https://example.com'];
    assert.equal(originAllowed(undefined, [], own), true);
    assert.equal(originAllowed('http://chat.example:8080', [], own), true);
    assert.equal(originAllowed('https://example.com', list, own), true);
    assert.equal(originAllowed('https://EXAMPLE.com:443', list, own), true);
    for (const lookAlike of [
      'https://example.com.evil.net',
      'https://evil-example.com',
      'http://example.com',
      'https://example.com:8443',
      'https://example.com.',
      'https://example.com@evil.net',
      'https://evil.net@example.com',
      'https://example.com/',
      'null',
    ]) {
      assert.equal(originAllowed(lookAlike, list, own), false, lookAlike);
    }
    assert.equal(originAllowed('https://example.com', [], own), false, 'an empty list lets no other site in');
    assert.equal(originAllowed('https://anything.example', ['*'], own), true);
  });

  it('takes an https page for its own when the request arrived as http (a TLS proxy in front), not the reverse', () => {
    assert.deepEqual(ownOrigins({ protocol: 'https', host: 'chat.example' }), ['https://chat.example']);
    assert.equal(originAllowed('http://chat.example', [], ownOrigins({ protocol: 'https', host: 'chat.example' })), false);
  });
});
