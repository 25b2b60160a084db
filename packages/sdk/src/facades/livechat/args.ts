import { invalid } from './errors.js';

/** Whether `text` holds a control character (U+0000–U+001F, U+007F). */
export function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

/** A required id argument. */
export function requireId(name: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) throw invalid(name, 'is required and must be a non-empty string');
  if (value.length > 200 || /\s/.test(value) || hasControl(value)) throw invalid(name, 'is not a valid id');
  return value;
}

/** A required text of 1–`max` characters. */
export function requireText(name: string, value: unknown, max: number): string {
  if (typeof value !== 'string') throw invalid(name, 'must be a string');
  if (value.trim().length === 0) throw invalid(name, 'must not be empty');
  if (value.length > max) throw invalid(name, `must be at most ${max} characters`);
  return value;
}

/** An optional text of at most `max` characters; `undefined` and `null` are absent. */
export function optionalText(name: string, value: unknown, max: number): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalid(name, 'must be a string');
  if (value.length > max) throw invalid(name, `must be at most ${max} characters`);
  return value;
}

/** A required boolean. */
export function requireBoolean(name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw invalid(name, 'must be true or false');
  return value;
}

/** An absolute http(s) URL, as LINK messages take. */
export function requireHttpUrl(name: string, value: unknown): string {
  const text = requireText(name, value, 2048);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalid(name, 'must be an absolute http(s) URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalid(name, 'must be an http(s) URL');
  return text;
}

/** A plain object argument (or absent). */
export function optionalObject(name: string, value: unknown): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw invalid(name, 'must be an object');
  return value as Record<string, unknown>;
}
