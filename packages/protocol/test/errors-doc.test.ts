import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ERRORS, ParleyError } from '../src/index.js';

describe('error registry', () => {
  it('docs/errors.md lists every code with its HTTP status', () => {
    const doc = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8');
    for (const [code, { status }] of Object.entries(ERRORS)) {
      assert.match(doc, new RegExp(`\\| \`${code}\` \\| ${status} \\|`), `${code} is documented with ${status}`);
    }
  });

  it('a ParleyError carries its code, status, path and details in its body', () => {
    const err = new ParleyError('E_VALIDATION', 'bad', { path: '/a', details: [{ path: '/a', message: 'bad' }] });
    assert.equal(err.status, 400);
    assert.deepEqual(err.toBody(), { code: 'E_VALIDATION', message: 'bad', path: '/a', details: [{ path: '/a', message: 'bad' }] });
    assert.equal(new ParleyError('E_RATE_LIMITED', undefined, { retryAfter: 3 }).toBody().retryAfter, 3);
  });
});
