import Type from 'typebox';
import { ERRORS, type ErrorCode } from './errors.js';

/**
 * The JSON schema of `ErrorBody` (errors.ts), for response schemas: every surface answers errors with it (the
 * native API under `error`, seed 000's routes under `error`, seed 003's under `errors`).
 */
export const ErrorBodySchema = Type.Object({
  code: Type.Unsafe<ErrorCode>(Type.String({ enum: Object.keys(ERRORS) })),
  message: Type.String(),
  path: Type.Optional(Type.String({ description: 'JSON pointer of the offending field, for validation errors' })),
  details: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }), { description: 'Every failing field, when there are several' })),
  retryAfter: Type.Optional(Type.Number({ description: 'Seconds to wait, for E_RATE_LIMITED and E_UNAVAILABLE' })),
});

/** The native API's error answer: `{error: {code, message, ...}}` (docs/errors.md). */
export const ErrorResponseSchema = Type.Object({ error: ErrorBodySchema });
