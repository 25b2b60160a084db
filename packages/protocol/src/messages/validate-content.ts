import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { ParleyError, type ErrorDetail } from '../errors.js';
import { isMessageType, MESSAGE_TYPES, type MessageType } from '../message-types.js';
import { CONTENT_RULES } from './content-rules.js';
import { CONTENT_SCHEMAS, type AnyContent, type ContentByType } from './content-schemas.js';

interface RawError {
  instancePath: string;
  keyword: string;
  message: string;
  params: Record<string, unknown>;
}

interface CompiledContent {
  Check(value: unknown): boolean;
  Errors(value: unknown): readonly RawError[];
}

/** One compiled validator per distinct schema (the media and call event types share theirs). */
const COMPILED: ReadonlyMap<MessageType, CompiledContent> = (() => {
  const bySchema = new Map<TSchema, CompiledContent>();
  const byType = new Map<MessageType, CompiledContent>();
  for (const type of MESSAGE_TYPES) {
    const schema: TSchema = CONTENT_SCHEMAS[type];
    let compiled = bySchema.get(schema);
    if (compiled === undefined) {
      compiled = Compile(schema);
      bySchema.set(schema, compiled);
    }
    byType.set(type, compiled);
  }
  return byType;
})();

const stringList = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/** Schema errors as details under `/content`, naming unknown and missing fields themselves. */
function contentDetails(errors: readonly RawError[]): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  const seen = new Set<string>();
  const add = (path: string, message: string): void => {
    const full = `/content${path}`;
    if (seen.has(full)) return;
    seen.add(full);
    details.push({ path: full, message });
  };
  for (const e of errors) {
    if (e.keyword === 'boolean') continue; // reported again as additionalProperties
    if (e.keyword === 'additionalProperties') {
      for (const name of stringList(e.params.additionalProperties)) add(`${e.instancePath}/${name}`, 'unknown field');
    } else if (e.keyword === 'required') {
      for (const name of stringList(e.params.requiredProperties)) add(`${e.instancePath}/${name}`, 'required');
    } else {
      add(e.instancePath, e.message);
    }
  }
  return details.length > 0 ? details : [{ path: '/content', message: 'invalid' }];
}

/**
 * Validates a message's content for its type and returns it typed: the schema (unknown fields such as
 * `user` rejected), then the type's rules (`checkMenu`, `checkForm`, `checkMediaContent`). Throws
 * E_VALIDATION with `path` `/content/...` (or `/messageType` for an unknown type) and every schema
 * failure in `details`. Rules needing another message (responses, reactions) are not run here: see
 * `referenceOf`.
 *
 * @example
 * const content = validateContent('LOCATION', { latitude: 45.6, longitude: 9.4 });
 */
export function validateContent<T extends MessageType>(messageType: T, content: unknown): ContentByType[T];
export function validateContent(messageType: string, content: unknown): AnyContent;
export function validateContent(messageType: string, content: unknown): AnyContent {
  if (!isMessageType(messageType)) {
    throw new ParleyError('E_VALIDATION', '/messageType: unknown message type', {
      path: '/messageType',
      details: [{ path: '/messageType', message: 'unknown message type' }],
    });
  }
  const compiled = COMPILED.get(messageType);
  if (compiled === undefined) throw new ParleyError('E_INTERNAL', `no content schema for ${messageType}`);
  if (!compiled.Check(content)) {
    const details = contentDetails(compiled.Errors(content));
    const first = details[0] ?? { path: '/content', message: 'invalid' };
    throw new ParleyError('E_VALIDATION', `${first.path}: ${first.message}`, { path: first.path, details });
  }
  const rule = CONTENT_RULES[messageType] as ((value: AnyContent) => void) | undefined;
  rule?.(content as AnyContent);
  return content as AnyContent;
}
