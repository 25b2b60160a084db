import fc from 'fast-check';

/** Values that look like query operators, prototype keys, injections or traps for a parser. */
export const HOSTILE_VALUES: readonly unknown[] = [
  { $gt: '' },
  { $ne: null },
  { $where: 'sleep(1000)' },
  { $regex: '.*' },
  { __proto__: { admin: true } },
  JSON.parse('{"__proto__":{"polluted":true}}'),
  { constructor: { prototype: { polluted: true } } },
  "' OR '1'='1' --",
  '"; DROP TABLE messages; --',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '\u0000',
  '\ud800',
  '\u202e',
  'x'.repeat(70_000),
  -1,
  1.5,
  Number.MAX_SAFE_INTEGER + 2,
  1e308,
  -0,
  true,
  null,
  [],
  {},
  [[[[[[]]]]]],
  '',
  ' ',
  'null',
  '0',
];

/** Deeply nested arrays or objects, as JSON text (a parser's recursion is the target). */
export function deepJson(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array' ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

/** Any value fast-check can make, plus the hostile ones, plus objects with hostile keys. */
export function hostileArbitrary(): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.jsonValue() },
    { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_VALUES) },
    { weight: 1, arbitrary: fc.anything({ withNullPrototype: true, withBigInt: false, withBoxedValues: false, withMap: false, withSet: false, withTypedArray: false, withSparseArray: true }) },
    { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('$gt', '$ne', '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'), fc.jsonValue()) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary' }) },
  );
}

/**
 * A structure-aware mutation: takes a valid value (of a schema) and replaces one field, at any depth,
 * with a hostile value; or adds an unknown field; or drops one.
 */
export function mutate(valid: unknown): fc.Arbitrary<unknown> {
  const paths = fieldPaths(valid);
  if (paths.length === 0) return hostileArbitrary();
  return fc.tuple(fc.constantFrom(...paths), fc.constantFrom('replace', 'drop', 'add'), hostileArbitrary()).map(([path, how, value]) => {
    const copy = structuredClone(valid) as Record<string, unknown>;
    const parent = path.slice(0, -1).reduce<Record<string, unknown>>((o, k) => o[k] as Record<string, unknown>, copy);
    const key = path[path.length - 1] as string;
    if (how === 'replace') parent[key] = value;
    else if (how === 'drop') delete parent[key];
    else parent[`${key}$`] = value;
    return copy;
  });
}

function fieldPaths(value: unknown, prefix: string[] = []): string[][] {
  if (typeof value !== 'object' || value === null) return [];
  const out: string[][] = [];
  for (const [key, child] of Object.entries(value)) {
    out.push([...prefix, key]);
    out.push(...fieldPaths(child, [...prefix, key]));
  }
  return out;
}

/**
 * A near-valid example of a JSON schema, for mutation: TypeBox's `Value.Create` when it can, else a
 * walk of the schema (strings of their minimum length, numbers at their minimum, first union branch).
 */
export function sampleOf(schema: unknown, depth = 0): unknown {
  const s = (schema ?? {}) as Record<string, unknown>;
  if (depth > 6) return null;
  if ('const' in s) return s.const;
  if ('default' in s) return s.default;
  if (Array.isArray(s.anyOf) && s.anyOf.length > 0) return sampleOf(s.anyOf[0], depth + 1);
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0] as unknown;
  switch (s.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, child] of Object.entries((s.properties ?? {}) as Record<string, unknown>)) out[key] = sampleOf(child, depth + 1);
      return out;
    }
    case 'array':
      return Number(s.minItems ?? 0) > 0 || depth < 3 ? [sampleOf(s.items, depth + 1)] : [];
    case 'string':
      return 'a'.repeat(Math.max(1, Number(s.minLength ?? 1)));
    case 'integer':
    case 'number':
      return Number(s.minimum ?? 1);
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return {};
  }
}
