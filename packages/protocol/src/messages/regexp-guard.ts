import { CONTENT_LIMITS } from './common.js';

export type RegexpVerdict = { ok: true; regexp: RegExp } | { ok: false; reason: string };

/**
 * Compiles a form's `custom_regexp` (no flags, tested unanchored, as written) and refuses what would
 * make a customer's input hang the server: longer than the cap, backreferences, and a repeated group
 * whose body (or one of its alternatives) ends in a quantifier (`(a+)+`, `(\w+\s?)*`, `(b+|a)+`).
 * This is a cheap guard, not a proof; values are also capped at 4096 characters.
 */
export function compileFormRegexp(source: string): RegexpVerdict {
  if (source.length > CONTENT_LIMITS.regexp) return { ok: false, reason: `longer than ${CONTENT_LIMITS.regexp} characters` };
  let regexp: RegExp;
  try {
    regexp = new RegExp(source);
  } catch {
    return { ok: false, reason: 'not a valid regular expression' };
  }
  const unsafe = unsafeConstruct(source);
  return unsafe === null ? { ok: true, regexp } : { ok: false, reason: unsafe };
}

interface Quantifier {
  length: number;
  unbounded: boolean;
}

/** The quantifier starting at `i`, if any (`*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}`, each maybe lazy). */
function quantifierAt(source: string, i: number): Quantifier | null {
  const c = source[i];
  let q: Quantifier | null = null;
  if (c === '*' || c === '+') q = { length: 1, unbounded: true };
  else if (c === '?') q = { length: 1, unbounded: false };
  else if (c === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i, i + 24));
    if (m) {
      const upper = m[2] === undefined ? Number(m[1]) : m[3] === '' ? Infinity : Number(m[3]);
      q = { length: m[0].length, unbounded: upper > 10 };
    }
  }
  if (q && source[i + q.length] === '?') q.length += 1;
  return q;
}

/** Index just past the character class opening at `i`. */
function skipClass(source: string, i: number): number {
  let j = i + 1;
  while (j < source.length && source[j] !== ']') j += source[j] === '\\' ? 2 : 1;
  return j + 1;
}

/** Index just past a group's opening `(` and its `?:`, `?=`, `?!`, `?<=`, `?<!` or `?<name>` prefix. */
function skipGroupOpening(source: string, i: number): number {
  let j = i + 1;
  if (source[j] !== '?') return j;
  j += 1;
  if (source[j] === '<' && source[j + 1] !== '=' && source[j + 1] !== '!') {
    const end = source.indexOf('>', j);
    return end < 0 ? source.length : end + 1;
  }
  return source[j] === '<' ? j + 2 : j + 1;
}

function unsafeConstruct(source: string): string | null {
  /** Per open group: whether one of its closed alternatives ended in a quantifier. */
  const groups: boolean[] = [];
  let lastQuantified = false;
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      if (/[1-9k]/.test(next)) return 'backreferences are not allowed';
      i += 2;
      lastQuantified = false;
    } else if (c === '[') {
      i = skipClass(source, i);
      lastQuantified = false;
    } else if (c === '(') {
      groups.push(false);
      i = skipGroupOpening(source, i);
      lastQuantified = false;
    } else if (c === '|') {
      if (groups.length > 0 && lastQuantified) groups[groups.length - 1] = true;
      i += 1;
      lastQuantified = false;
    } else if (c === ')') {
      const endsQuantified: boolean = lastQuantified || (groups.pop() ?? false);
      i += 1;
      const q = quantifierAt(source, i);
      if (q) {
        if (q.unbounded && endsQuantified) return 'nested quantifiers are not allowed';
        i += q.length;
        lastQuantified = true;
      } else {
        lastQuantified = endsQuantified;
      }
    } else {
      const q = quantifierAt(source, i);
      if (q) {
        i += q.length;
        lastQuantified = true;
      } else {
        i += 1;
        lastQuantified = false;
      }
    }
  }
  return null;
}
