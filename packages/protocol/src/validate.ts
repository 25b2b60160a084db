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
      throw validationError(compiled.Errors(value), schema);
    },
  };
}

interface RawError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  message: string;
  params: Record<string, unknown>;
}

function validationError(errors: readonly RawError[], schema: TSchema): ParleyError {
  const details: ErrorDetail[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    // `additionalProperties` reports the parent path; name the extra field itself.
    const extra = e.keyword === 'additionalProperties' ? (e.params.additionalProperties as string[] | undefined) : undefined;
    const path = extra && extra.length > 0 ? `${e.instancePath}/${extra[0]}` : e.instancePath || '/';
    // Union branches report one error each; keep the first per path.
    if (seen.has(path) || e.keyword === 'boolean') continue;
    seen.add(path);
    const choices = e.keyword === 'const' || e.keyword === 'enum' || e.keyword === 'anyOf' ? choicesAt(schema, e.schemaPath) : undefined;
    const message = extra ? 'unknown field' : choices ? `must be one of: ${choices.join(', ')}` : e.message;
    details.push({ path, message });
  }
  const first = details[0] ?? { path: '/', message: 'invalid' };
  return new ParleyError('E_VALIDATION', `${first.path}: ${first.message}`, { path: first.path, details });
}

/**
 * The values a literal union or an enum accepts, read from the schema at the error's place (the
 * errors themselves stop after a few): "must be equal to constant" says nothing, the list of what is
 * accepted (message types, plan features…) does.
 */
function choicesAt(schema: TSchema, schemaPath: string): string[] | undefined {
  let node: unknown = schema;
  for (const raw of schemaPath.replace(/^#\/?/, '').replace(/\/anyOf\/\d+$/, '').split('/')) {
    if (raw === '') continue;
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[raw.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  if (typeof node !== 'object' || node === null) return undefined;
  const { anyOf, enum: values } = node as { anyOf?: unknown; enum?: unknown };
  const list = Array.isArray(values) ? values : Array.isArray(anyOf) ? anyOf.map((b: unknown) => (b as { const?: unknown } | null)?.const) : [];
  return list.length > 0 && list.every((v): v is string => typeof v === 'string') ? list : undefined;
}
