import { createHmac, randomBytes } from 'node:crypto';
import { WEBHOOK_HEADERS } from '@parley/protocol';
import { safeEqual } from '../../auth/secrets.js';

/** A new endpoint secret: 32 random bytes, shown to the admin once. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/** `v1=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>`; the timestamp is in Unix seconds. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** The headers of one attempt (signed now). */
export function webhookHeaders(
  secret: string,
  body: string,
  ids: { eventId: string; deliveryId: string; attempt: number },
  now = Date.now(),
): Record<string, string> {
  const timestamp = Math.floor(now / 1000);
  return {
    'content-type': 'application/json',
    'user-agent': 'Parley-Webhooks/1',
    [WEBHOOK_HEADERS.eventId]: ids.eventId,
    [WEBHOOK_HEADERS.timestamp]: String(timestamp),
    [WEBHOOK_HEADERS.signature]: signWebhook(secret, timestamp, body),
    [WEBHOOK_HEADERS.deliveryId]: ids.deliveryId,
    [WEBHOOK_HEADERS.attempt]: String(ids.attempt),
  };
}

/**
 * What a receiver does (docs/webhooks.md): recompute the signature over the raw body, compare in
 * constant time, and refuse a timestamp further than `toleranceSeconds` from now (replayed requests).
 */
export function verifyWebhook(
  secret: string,
  headers: { timestamp: string | undefined; signature: string | undefined },
  rawBody: string,
  opts: { toleranceSeconds?: number; now?: number } = {},
): boolean {
  const timestamp = Number(headers.timestamp);
  if (!Number.isInteger(timestamp) || headers.signature === undefined) return false;
  const now = Math.floor((opts.now ?? Date.now()) / 1000);
  if (Math.abs(now - timestamp) > (opts.toleranceSeconds ?? 300)) return false;
  const expected = signWebhook(secret, timestamp, rawBody);
  return headers.signature.split(',').some((candidate) => safeEqual(candidate.trim(), expected));
}
