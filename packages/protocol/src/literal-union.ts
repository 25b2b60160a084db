import Type, { type TLiteral, type TUnion } from 'typebox';

type LiteralTuple<T extends readonly string[]> = { -readonly [K in keyof T]: TLiteral<T[K]> };

/**
 * A union of string literals, typed as the union of its values. TypeBox infers a union's static type
 * only from a tuple, so the mapped result is cast back to one.
 */
export function literalUnion<const T extends readonly string[]>(values: T): TUnion<LiteralTuple<T>> {
  return Type.Union(values.map((v) => Type.Literal(v))) as TUnion<LiteralTuple<T>>;
}
