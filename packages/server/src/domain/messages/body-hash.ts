import { createHash } from 'node:crypto';

/** JSON with object keys sorted, so the same body hashes the same whatever order a client used. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** What makes two sends "the same message" for idempotency. */
export function bodyHash(body: { chatId: string; messageType: string; content: unknown; replyTo: string; mentions: string[] }): string {
  return createHash('sha256').update(canonical(body)).digest('base64url');
}
