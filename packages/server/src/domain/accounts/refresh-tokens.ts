import { randomBytes } from 'node:crypto';
import { hashSecret } from '../../auth/index.js';

/**
 * Refresh tokens are `<sessionId>.<secret>`: the id finds the session row, the secret (32 random bytes)
 * is checked against the sha-256 stored there. A rotation keeps the id and changes the secret.
 */
export interface RefreshToken {
  sessionId: string;
  secret: string;
}

const FORMAT = /^([A-Za-z0-9_-]{16,64})\.([A-Za-z0-9_-]{32,128})$/;

export function newSessionId(): string {
  return randomBytes(16).toString('base64url');
}

export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function formatRefreshToken(token: RefreshToken): string {
  return `${token.sessionId}.${token.secret}`;
}

/** The token's parts, or null when it is not one of ours. */
export function parseRefreshToken(value: string): RefreshToken | null {
  const match = FORMAT.exec(value);
  return match === null ? null : { sessionId: match[1]!, secret: match[2]! };
}

export { hashSecret };
