import { RE2JS } from 're2js';
import { CONTENT_LIMITS } from './common.js';

/** A compiled `custom_regexp`: `test` runs in time linear in the value's length, whatever the pattern. */
export interface FormRegexp {
  test(value: string): boolean;
  /** Steps of the compiled program: a test costs about this times the value's length. */
  readonly size: number;
}

export type RegexpVerdict = { ok: true; regexp: FormRegexp } | { ok: false; reason: string };

/**
 * Compiles a form's `custom_regexp` (no flags, tested unanchored, as written) with RE2 semantics.
 * Customers' values are matched against patterns that agents and bots write, so a backtracking engine
 * would let one pattern like `^(a|a)*$` stall the server on a 30-character value; RE2 matches in
 * linear time and has no construct that can blow up. Linear, times the program's size: a repetition
 * count multiplies its part (`.{1000}.{1000}.{1000}`, 21 characters, is 3,002 steps and took 1.8 s on
 * one 4,096-character value), so a program over `CONTENT_LIMITS.regexpProgram` steps is refused.
 * JavaScript spellings (`\uXXXX`, `(?<name>…)`) are translated first; what RE2 cannot run
 * (backreferences, lookaround) is refused with its reason.
 */
export function compileFormRegexp(source: string): RegexpVerdict {
  if (source.length > CONTENT_LIMITS.regexp) return { ok: false, reason: `longer than ${CONTENT_LIMITS.regexp} characters` };
  if (hasBackreference(source)) return { ok: false, reason: BACKREFERENCES };
  // Compiling costs the program's size too: counts that alone make it too big are refused first.
  if (repetitionTotal(source) > CONTENT_LIMITS.regexpProgram) return { ok: false, reason: tooComplex(`repetition counts adding up to ${repetitionTotal(source)}`) };
  try {
    const compiled = RE2JS.compile(RE2JS.translateRegExp(source));
    const size = programSize(compiled);
    if (size > CONTENT_LIMITS.regexpProgram) {
      return { ok: false, reason: tooComplex(`${size} steps once compiled`) };
    }
    return { ok: true, regexp: { test: (value) => compiled.test(value), size } };
  } catch (err) {
    return { ok: false, reason: refusal(err) };
  }
}

/**
 * The compiled program's instruction count. re2js does not export it, so it is read from the
 * compiled object (form-regexp.test.ts fails if re2js moves it: then every pattern would count as 0).
 */
function programSize(compiled: RE2JS): number {
  const prog = (compiled as unknown as { re2Input?: { prog?: { inst?: unknown[] } } }).re2Input?.prog;
  return prog?.inst?.length ?? 0;
}

const tooComplex = (what: string): string =>
  `too complex: ${what}, at most ${CONTENT_LIMITS.regexpProgram} steps (a repetition count multiplies its part)`;

/** The sum of the `{n}`, `{n,}`, `{n,m}` counts (escapes skipped): each repeated copy is a step at least. */
function repetitionTotal(source: string): number {
  let total = 0;
  for (const m of source.matchAll(/\\.|\{(\d+)(?:,(\d*))?\}/g)) {
    if (m[1] !== undefined) total += Math.max(Number(m[1]), Number(m[2] || 0));
  }
  return total;
}

const BACKREFERENCES = 'backreferences are not supported (the pattern must be RE2 syntax)';

/** `\1`…`\9` or `\k<name>`: checked before translation, which would turn `\k` into a plain `k`. */
function hasBackreference(source: string): boolean {
  for (let i = 0; i < source.length; i++) {
    if (source[i] !== '\\') continue;
    const next = source[i + 1] ?? '';
    if (next === 'k' || (next >= '1' && next <= '9')) return true;
    i++;
  }
  return false;
}

function refusal(err: unknown): string {
  const detail = err instanceof Error ? err.message : '';
  if (/`\(\?[=!]|`\(\?<[=!]/.test(detail)) {
    return 'lookahead and lookbehind are not supported (the pattern must be RE2 syntax)';
  }
  return `not a valid regular expression (RE2 syntax)${detail ? `: ${detail}` : ''}`;
}
