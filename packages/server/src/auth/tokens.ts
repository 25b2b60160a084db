import { webcrypto } from 'node:crypto';
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { ParleyError, type UserKind } from '@parley/protocol';

/** What an access token says about its holder. */
export interface TokenClaims {
  tenantId: string;
  userId: string;
  kind: UserKind;
  /** The user's token version at issue; bumping it revokes every earlier token. */
  tokenVersion: number;
  expiresAt: number;
}

const ISSUER = 'parley';
const AUDIENCE = 'parley';

/** Short-lived HS256 access tokens. Only HS256 is accepted, so `alg: none` and key confusion fail. */
export class TokenService {
  /** Imported once: handing jose the raw bytes would import a key on every verify (every connect). */
  private readonly key: Promise<webcrypto.CryptoKey>;

  constructor(
    secret: string,
    private readonly ttlSeconds: number,
  ) {
    const raw = new TextEncoder().encode(secret);
    this.key = webcrypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    // A bad secret fails at the first issue or verify, not as an unhandled rejection now.
    this.key.catch(() => {});
  }

  async issue(claims: Omit<TokenClaims, 'expiresAt'>, ttlSeconds = this.ttlSeconds): Promise<{ token: string; expiresAt: number }> {
    const expiresAt = Math.floor(Date.now() / 1000) + ttlSeconds;
    const token = await new SignJWT({ tid: claims.tenantId, knd: claims.kind, tv: claims.tokenVersion })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(expiresAt)
      .sign(await this.key);
    return { token, expiresAt: expiresAt * 1000 };
  }

  /** Verifies signature, issuer, audience and expiry; throws E_TOKEN_EXPIRED or E_TOKEN_INVALID. */
  async verify(token: string): Promise<TokenClaims> {
    try {
      const { payload } = await jwtVerify(token, await this.key, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
        requiredClaims: ['sub', 'exp', 'tid', 'tv'],
      });
      const { sub, tid, knd, tv, exp } = payload;
      if (typeof sub !== 'string' || typeof tid !== 'string' || typeof tv !== 'number' || typeof knd !== 'string') {
        throw new ParleyError('E_TOKEN_INVALID');
      }
      return { tenantId: tid, userId: sub, kind: knd as UserKind, tokenVersion: tv, expiresAt: (exp ?? 0) * 1000 };
    } catch (err) {
      if (err instanceof ParleyError) throw err;
      if (err instanceof joseErrors.JWTExpired) throw new ParleyError('E_TOKEN_EXPIRED');
      throw new ParleyError('E_TOKEN_INVALID');
    }
  }
}
