import { LIMITS, MESSENGER_LIMITS } from '@parley/protocol';
import { invalid } from './envelope.js';

/** Argument checks, run before any network call; each throws a 400 E_VALIDATION MessengerError. */

/** Printable, no whitespace: the server's IdSchema. */
function isId(value: string): boolean {
  for (const ch of value) {
    const c = ch.codePointAt(0) ?? 0;
    if (c <= 0x20 || c === 0x7f || /\s/.test(ch)) return false;
  }
  return true;
}

export function requireId(name: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) throw invalid(name, 'is required and must be a non-empty string');
  if (value.length > LIMITS.idLength || !isId(value)) throw invalid(name, `must be an id (no spaces, at most ${LIMITS.idLength} characters)`);
  return value;
}

export function optionalId(name: string, value: unknown): string | undefined {
  return value === undefined || value === null || value === '' ? undefined : requireId(name, value);
}

export function requireText(name: string, value: unknown, max: number = LIMITS.textLength): string {
  if (typeof value !== 'string' || value.trim().length === 0) throw invalid(name, 'is required and must be a non-empty string');
  if (value.length > max) throw invalid(name, `must be at most ${max} characters`);
  return value;
}

export function optionalText(name: string, value: unknown, max: number = LIMITS.textLength): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalid(name, 'must be a string');
  if (value.length > max) throw invalid(name, `must be at most ${max} characters`);
  return value;
}

export function requireBoolean(name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw invalid(name, 'is required and must be true or false');
  return value;
}

export function optionalBoolean(name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'boolean') throw invalid(name, 'must be true or false');
  return value;
}

export function requireIds(name: string, value: unknown, max: number = MESSENGER_LIMITS.messageIds): string[] {
  if (!Array.isArray(value) || value.length === 0) throw invalid(name, 'is required and must be a non-empty array');
  if (value.length > max) throw invalid(name, `must have at most ${max} items`);
  return value.map((v, i) => requireId(`${name}/${i}`, v));
}

export function optionalIds(name: string, value: unknown, max: number = LIMITS.mentions): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalid(name, 'must be an array');
  if (value.length > max) throw invalid(name, `must have at most ${max} items`);
  return value.map((v, i) => requireId(`${name}/${i}`, v));
}

export function optionalLimit(name: string, value: unknown, max: number): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) throw invalid(name, `must be an integer from 1 to ${max}`);
  return value;
}

export function optionalEnum<T extends string>(name: string, value: unknown, allowed: readonly T[]): T | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) throw invalid(name, `must be one of ${allowed.map((a) => `"${a}"`).join(', ')}`);
  return value as T;
}

/** A client message id: a UUID (the server refuses anything else from users). */
export function optionalMsgId(name: string, value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) throw invalid(name, 'must be a UUID');
  return value;
}
