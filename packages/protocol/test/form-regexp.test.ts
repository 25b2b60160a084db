import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileFormRegexp } from '../src/index.js';

const ACCEPTED = [
  '.*@.*',
  '^\\d{5}$',
  '^[\\w.+-]+@([\\w-]+\\.)+[\\w-]{2,}$',
  '^(\\+39|0039)?[0-9 ]{6,15}$',
  '(?:ab)+',
  '[(]+x',
  '(a+){2}',
  '^(?<year>\\d{4})-(?<month>\\d{2})$',
  '\\(a+\\)+',
  '^\\u00e9+$',
  // Catastrophic for a backtracking engine, linear for RE2: accepted and safe.
  '(a+)+',
  '^(a|a)*$',
  '^(\\w+\\s?)*$',
];

const REFUSED = [
  ['(a)\\1', 'backreferences'],
  ['(?<x>a)\\k<x>', 'backreferences'],
  ['a(?=b)', 'lookahead'],
  ['a(?!b)', 'lookahead'],
  ['(?<=a)b', 'lookbehind'],
  ['(?<!a)b', 'lookbehind'],
  ['(', 'not a valid'],
  ['[a-', 'not a valid'],
  ['a{2,1}', 'not a valid'],
  ['a'.repeat(257), 'longer than'],
  // Found by the fuzzing suite's review: 21 characters, 3,002 steps, 1.8 s on one 4,096-character value.
  ['.{1000}.{1000}.{1000}', 'too complex'],
  ['.{199}', 'too complex'],
] as const;

void describe('compileFormRegexp', () => {
  for (const source of ACCEPTED) {
    void it(`accepts ${source}`, () => {
      const verdict = compileFormRegexp(source);
      assert.ok(verdict.ok, verdict.ok ? '' : verdict.reason);
    });
  }
  for (const [source, reason] of REFUSED) {
    void it(`refuses ${source.slice(0, 30)} (${reason})`, () => {
      const verdict = compileFormRegexp(source);
      assert.equal(verdict.ok, false);
      assert.match(verdict.ok ? '' : verdict.reason, new RegExp(reason));
    });
  }
  void it("knows each pattern's compiled size (the bound on its cost), and the usual patterns are well within it", () => {
    for (const source of ACCEPTED) {
      const verdict = compileFormRegexp(source);
      assert.ok(verdict.ok && verdict.regexp.size > 0 && verdict.regexp.size <= 60, `${source}: ${verdict.ok ? verdict.regexp.size : verdict.reason}`);
    }
    const edge = compileFormRegexp('.{198}');
    assert.ok(edge.ok && edge.regexp.size === 200, edge.ok ? String(edge.regexp.size) : edge.reason);
  });
  void it('tests unanchored, as written, without flags', () => {
    const verdict = compileFormRegexp('.*@.*');
    assert.ok(verdict.ok);
    assert.ok(verdict.regexp.test('x a@b y'));
    const zip = compileFormRegexp('^\\d{5}$');
    assert.ok(zip.ok);
    assert.ok(zip.regexp.test('12345'));
    assert.equal(zip.regexp.test('1234'), false);
    assert.equal(zip.regexp.test('123456'), false);
    const caseSensitive = compileFormRegexp('^abc$');
    assert.ok(caseSensitive.ok);
    assert.equal(caseSensitive.regexp.test('ABC'), false);
  });
  void it('a pattern that backtracks exponentially matches a long value correctly (a backtracking engine never returns)', () => {
    const verdict = compileFormRegexp('^(a|a)*$');
    assert.ok(verdict.ok);
    assert.equal(verdict.regexp.test(`${'a'.repeat(4096)}!`), false);
    assert.equal(verdict.regexp.test('a'.repeat(4096)), true);
    const nested = compileFormRegexp('^(\\w+\\s?)*$');
    assert.ok(nested.ok);
    assert.equal(nested.regexp.test(`${'word '.repeat(800)}!`), false);
  });
});
