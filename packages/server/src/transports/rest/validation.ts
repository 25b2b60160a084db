import type { FastifyInstance } from 'fastify';
import type { TSchema } from 'typebox';
import { ParleyError, validator } from '@parley/protocol';

/**
 * Route schemas are validated by the same TypeBox validators as WebSocket frames, so a bad field
 * gets the same E_VALIDATION code and path on every surface. Query and path values are strings on
 * the wire and are converted to the schema's types first.
 */
export function registerValidation(app: FastifyInstance): void {
  app.setValidatorCompiler(({ schema, httpPart }) => {
    const v = validator(schema as TSchema);
    const textual = httpPart === 'querystring' || httpPart === 'params' || httpPart === 'headers';
    const prefix = httpPart === 'querystring' ? '/query' : httpPart === 'params' ? '/params' : '';
    return (data: unknown) => {
      const value = textual ? convertText(schema, data) : data;
      if (v.check(value)) return { value };
      try {
        v.parse(value);
        return { value };
      } catch (err) {
        if (!(err instanceof ParleyError) || !prefix) return { error: err as Error };
        const path = `${prefix}${err.path === '/' ? '' : (err.path ?? '')}`;
        return { error: new ParleyError('E_VALIDATION', `${path}: ${err.message.split(': ').slice(1).join(': ')}`, { path }) };
      }
    };
  });
}

const INTEGER = /^-?(0|[1-9]\d{0,15})$/;
const NUMBER = /^-?(0|[1-9]\d{0,15})(\.\d{1,15})?$/;

/**
 * Query and path values arrive as text: a number or boolean field takes only its canonical text
 * (`10`, `-1`, `1.5`, `true`), never `0x10`, `1e1`, ` 5` or `1.5` for an integer; anything else stays
 * a string and fails validation with the field's path.
 */
function convertText(schema: TSchema, data: unknown): unknown {
  const properties = (schema as { properties?: Record<string, { type?: unknown }> }).properties;
  if (properties === undefined || typeof data !== 'object' || data === null) return data;
  const out: Record<string, unknown> = { ...(data as Record<string, unknown>) };
  for (const [key, raw] of Object.entries(out)) {
    if (typeof raw !== 'string') continue;
    const type = properties[key]?.type;
    if (type === 'integer' && INTEGER.test(raw)) out[key] = Number(raw);
    else if (type === 'number' && NUMBER.test(raw)) out[key] = Number(raw);
    else if (type === 'boolean' && (raw === 'true' || raw === 'false')) out[key] = raw === 'true';
  }
  return out;
}
