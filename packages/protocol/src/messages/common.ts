import Type, { type TProperties } from 'typebox';
import { LIMITS } from '../schemas.js';

/** Size limits of message content, the same on every surface. */
export const CONTENT_LIMITS = {
  /** TEXT, captions, menu and quick-reply titles, form values. */
  text: LIMITS.textLength,
  /** Option texts, quick replies, form labels, headers, custom error messages. */
  label: 200,
  /** Names and ids a sender chooses: form field names, option ids, param names. */
  name: 100,
  url: 2048,
  fileName: 255,
  address: 1000,
  menuOptions: 50,
  menuParams: 10,
  quickReplies: 3,
  formFields: 50,
  formOptions: 50,
  /** A form's `custom_regexp` (see form-regexp.ts). */
  regexp: 256,
  /** Its size once compiled (RE2 program steps): the cost of a test is this times the value's length. */
  regexpProgram: 200,
  /** The compiled sizes of all of a form's patterns together (a response tests every field). */
  formRegexpProgram: 1000,
  contacts: 20,
  phones: 10,
  phone: 50,
  emoji: 64,
  /** An inline thumbnail (a small data: URI) or a media reference. */
  thumbnail: 100_000,
} as const;

/** Printable: no control characters (tabs and newlines excluded too). */
const PRINTABLE = '[^\\x00-\\x1f\\x7f]';

/** http(s) URLs only, with a host; no whitespace or control characters (so no `javascript:`, `data:`, `ftp:`). */
export const HTTP_URL_PATTERN = '^[hH][tT][tT][pP][sS]?://[^\\s\\x00-\\x1f\\x7f/?#][^\\s\\x00-\\x1f\\x7f]*$';

const HTTP_URL_RE = new RegExp(HTTP_URL_PATTERN, 'u');

/** True for an absolute http(s) URL, the only kind of link Parley stores or lets a client open. */
export function isHttpUrl(value: string): boolean {
  return value.length <= CONTENT_LIMITS.url && HTTP_URL_RE.test(value);
}

/** A content object: every field declared, anything else (`user`, `ts`…) rejected as an unknown field. */
export function contentObject<P extends TProperties>(properties: P) {
  return Type.Object(properties, { additionalProperties: false });
}

export const HttpUrlSchema = Type.String({ minLength: 1, maxLength: CONTENT_LIMITS.url, pattern: HTTP_URL_PATTERN });

/** A short single-line text shown to people (labels, options, headers). */
export const LabelSchema = Type.String({ minLength: 1, maxLength: CONTENT_LIMITS.label, pattern: `^${PRINTABLE}*$` });

/** A long text shown to people (newlines allowed). */
export const LongTextSchema = Type.String({ minLength: 1, maxLength: CONTENT_LIMITS.text });

/** A name chosen by a sender, used as a key: printable, no whitespace. */
export const NameSchema = Type.String({
  minLength: 1,
  maxLength: CONTENT_LIMITS.name,
  pattern: '^[^\\s\\x00-\\x1f\\x7f]+$',
});

/** One literal schema per value, as a tuple: TypeBox infers a union's type only from a tuple. */
export { literalUnion } from '../literal-union.js';
