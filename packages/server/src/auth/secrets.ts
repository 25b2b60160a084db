import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new API key: high-entropy, so a plain sha-256 is a sufficient hash to store. */
export function generateApiKey(): string {
  return `pk_${randomBytes(32).toString('base64url')}`;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
