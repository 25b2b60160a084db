import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileFormRegexp } from '../src/index.js';

const SAFE = [
  '.*@.*',
  '^\\d{5}$',
  '^[\\w.+-]+@([\\w-]+\\.)+[\\w-]{2,}$',
  '^(\\+39|0039)?[0-9 ]{6,15}$',
  '(?:ab)+',
  '[(]+x',
  '(a+){2}',
  '^(?<year>\\d{4})-(?<month>\\d{2})$',
  '\\(a+\\)+',
];

const UNSAFE = [
  ['(a+)+', 'nested quantifiers'],
  ['^(\\w+\\s?)*$', 'nested quantifiers'],
  ['(b+|a)+c', 'nested quantifiers'],
  ['((a+))+', 'nested quantifiers'],
  ['(a*){2,}', 'nested quantifiers'],
  ['(?:x|y*)+', 'nested quantifiers'],
  ['(a)\\1', 'backreferences'],
  ['(?<x>a)\\k<x>', 'backreferences'],
  ['(', 'not a valid'],
  ['[a-', 'not a valid'],
  ['a{2,1}', 'not a valid'],
  ['a'.repeat(257), 'longer than'],
] as const;

void describe('compileFormRegexp', () => {
  for (const source of SAFE) {
    void it(`accepts ${source}`, () => {
      const verdict = compileFormRegexp(source);
      assert.ok(verdict.ok, verdict.ok ? '' : verdict.reason);
    });
  }
  for (const [source, reason] of UNSAFE) {
    void it(`refuses ${source.slice(0, 30)} (${reason})`, () => {
      const verdict = compileFormRegexp(source);
      assert.equal(verdict.ok, false);
    });
  }
  void it('compiles as written, unanchored, without flags', () => {
    const verdict = compileFormRegexp('.*@.*');
    assert.ok(verdict.ok);
    assert.equal(verdict.regexp.flags, '');
    assert.ok(verdict.regexp.test('x a@b y'));
  });
});
