import Type, { type TSchema } from 'typebox';
import { ErrorResponseSchema } from '@parley/protocol';

/** Every failure of every route answers the one error body (errors.ts). */
const FAILURES = { '4xx': ErrorResponseSchema, '5xx': ErrorResponseSchema } as const;

/** An answer that differs by content type (JSON or HTML, say): a schema per media type. */
interface ContentSchemas {
  content: Record<string, { schema: TSchema }>;
}

/** A 204 answer: no body. */
export const NoContent = Type.Null({ description: 'No content' });

/**
 * A route's `response` schemas: its success bodies by status, and the error body for 4xx and 5xx.
 * Fastify writes answers with these schemas, so a field missing here is missing on the wire.
 */
export function answers<T extends Record<number, TSchema | ContentSchemas>>(success: T): T & typeof FAILURES {
  return { ...success, ...FAILURES };
}
