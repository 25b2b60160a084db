import type { TSchema, Static } from 'typebox';
import { Compile } from 'typebox/compile';
import { ParleyError, type ErrorDetail } from './errors.js';

export interface Validator<T> {
  readonly schema: TSchema;
  /** Returns the value typed, or throws E_VALIDATION naming the first offending field. */
  parse(value: unknown): T;
  check(value: unknown): value is T;
}

/** Compiles a schema once into a validator that throws Parley's validation error. */
export function validator<S extends TSchema>(schema: S): Validator<Static<S>> {
  const compiled = Compile(schema);
  return {
    schema,
    check: (value: unknown): value is Static<S> => compiled.Check(value),
    parse(value: unknown): Static<S> {
      if (compiled.Check(value)) return value;
      throw validationError(compiled.Errors(value));
    },
  };
}

interface RawError {
  instancePath: string;
  keyword: string;
  message: string;
  params: Record<string, unknown>;
}

function validationError(errors: readonly RawError[]): ParleyError {
  const details: ErrorDetail[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    // `additionalProperties` reports the parent path; name the extra field itself.
    const extra = e.keyword === 'additionalProperties' ? (e.params.additionalProperties as string[] | undefined) : undefined;
    const path = extra && extra.length > 0 ? `${e.instancePath}/${extra[0]}` : e.instancePath || '/';
    const message = extra ? 'unknown field' : e.message;
    // Union branches report one error each; keep the first per path.
    if (seen.has(path) || e.keyword === 'boolean') continue;
    seen.add(path);
    details.push({ path, message });
  }
  const first = details[0] ?? { path: '/', message: 'invalid' };
  return new ParleyError('E_VALIDATION', `${first.path}: ${first.message}`, { path: first.path, details });
}
