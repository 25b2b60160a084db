import { createHmac } from 'node:crypto';
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { ParleyError } from '@parley/protocol';

/** What a download token lets its holder fetch: one message's file, until it expires. */
export interface DownloadClaims {
  tenantId: string;
  chatId: string;
  messageId: string;
  mediaId: string;
  /** Who asked for it (for logs and audits). */
  userId: string;
  expiresAt: number;
}

const AUDIENCE = 'parley-media';

/**
 * Seed 004's `fileToken`: a short-lived HS256 token naming one media message, so a plain link (an
 * `<a href>`, a player) can download without an Authorization header. Its key is derived from the
 * server's token secret, so an access token is never a download token and the other way round.
 */
export class DownloadTokens {
  private readonly key: Uint8Array;

  constructor(secret: string) {
    this.key = createHmac('sha256', secret).update('parley media download tokens v1').digest();
  }

  async issue(claims: Omit<DownloadClaims, 'expiresAt'>, ttlSeconds: number): Promise<{ token: string; expiresAt: number }> {
    const exp = Math.floor(Date.now() / 1000) + ttlSeconds;
    const token = await new SignJWT({ tid: claims.tenantId, cid: claims.chatId, mid: claims.messageId, med: claims.mediaId })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.userId)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(exp)
      .sign(this.key);
    return { token, expiresAt: exp * 1000 };
  }

  /** Throws E_TOKEN_EXPIRED or E_TOKEN_INVALID (forged, altered, another kind of token). */
  async verify(token: string): Promise<DownloadClaims> {
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], audience: AUDIENCE, requiredClaims: ['exp', 'sub'] });
      const { tid, cid, mid, med, sub, exp } = payload;
      if (typeof tid !== 'string' || typeof cid !== 'string' || typeof mid !== 'string' || typeof med !== 'string' || typeof sub !== 'string') {
        throw new ParleyError('E_TOKEN_INVALID', 'The file token is invalid');
      }
      return { tenantId: tid, chatId: cid, messageId: mid, mediaId: med, userId: sub, expiresAt: (exp ?? 0) * 1000 };
    } catch (err) {
      if (err instanceof ParleyError) throw err;
      if (err instanceof joseErrors.JWTExpired) throw new ParleyError('E_TOKEN_EXPIRED', 'The file token has expired');
      throw new ParleyError('E_TOKEN_INVALID', 'The file token is invalid');
    }
  }
}
