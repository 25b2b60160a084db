import { RE2JS } from 're2js';
import { CONTENT_LIMITS } from './common.js';

/** A compiled `custom_regexp`: `test` runs in time linear in the value's length, whatever the pattern. */
export interface FormRegexp {
  test(value: string): boolean;
}

export type RegexpVerdict = { ok: true; regexp: FormRegexp } | { ok: false; reason: string };

/**
 * Compiles a form's `custom_regexp` (no flags, tested unanchored, as written) with RE2 semantics.
 * Customers' values are matched against patterns that agents and bots write, so a backtracking engine
 * would let one pattern like `^(a|a)*$` stall the server on a 30-character value; RE2 matches in
 * linear time and has no construct that can blow up. JavaScript spellings (`\uXXXX`, `(?<name>…)`) are
 * translated first; what RE2 cannot run (backreferences, lookaround) is refused with its reason.
 */
export function compileFormRegexp(source: string): RegexpVerdict {
  if (source.length > CONTENT_LIMITS.regexp) return { ok: false, reason: `longer than ${CONTENT_LIMITS.regexp} characters` };
  if (hasBackreference(source)) return { ok: false, reason: BACKREFERENCES };
  try {
    const compiled = RE2JS.compile(RE2JS.translateRegExp(source));
    return { ok: true, regexp: { test: (value) => compiled.test(value) } };
  } catch (err) {
    return { ok: false, reason: refusal(err) };
  }
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
