import { ParleyError } from '@parley/protocol';
import type { Store } from '../store/index.js';
import type { Actor } from '../domain/actor.js';
import { hashSecret } from './secrets.js';
import type { TokenService } from './tokens.js';

export { TokenService } from './tokens.js';
export { generateApiKey, hashSecret, randomSecret } from './secrets.js';

/** Turns a bearer credential into an actor: a user token (JWT) or an admin API key (`pk_…`). */
export class Authenticator {
  constructor(
    private readonly store: Store,
    private readonly tokens: TokenService,
  ) {}

  async fromBearer(credential: string | undefined): Promise<Actor> {
    if (!credential) throw new ParleyError('E_UNAUTHENTICATED');
    return credential.startsWith('pk_') || !credential.includes('.') ? this.fromApiKey(credential) : this.fromToken(credential);
  }

  async fromToken(token: string): Promise<Actor & { type: 'user' }> {
    return (await this.userToken(token)).actor;
  }

  /** A user token's actor and when the token expires (ms): a socket lives no longer than its token. */
  async userToken(token: string): Promise<{ actor: Actor & { type: 'user' }; expiresAt: number }> {
    const claims = await this.tokens.verify(token);
    const user = await this.store.getUser(claims.tenantId, claims.userId);
    // A bumped token version or a disabled user makes every earlier token worthless.
    if (!user || user.disabledAt !== null || user.tokenVersion !== claims.tokenVersion) {
      throw new ParleyError('E_TOKEN_INVALID', 'The token was revoked');
    }
    const tenant = await this.store.getTenant(claims.tenantId);
    if (!tenant) throw new ParleyError('E_TOKEN_INVALID');
    return { actor: { type: 'user', tenant, user }, expiresAt: claims.expiresAt };
  }

  async fromApiKey(key: string): Promise<Actor & { type: 'admin' }> {
    const row = await this.store.getApiKeyByHash(hashSecret(key));
    if (!row || row.revokedAt !== null) throw new ParleyError('E_UNAUTHENTICATED', 'Unknown API key');
    const tenant = await this.store.getTenant(row.tenantId);
    if (!tenant) throw new ParleyError('E_UNAUTHENTICATED', 'Unknown API key');
    return { type: 'admin', tenant, keyId: row.id };
  }
}

/** The credential of an `Authorization: Bearer …` header, or of an `X-Api-Key` header. */
export function bearerFrom(headers: Record<string, string | string[] | undefined>): string | undefined {
  const auth = headers.authorization;
  if (typeof auth === 'string') {
    const match = /^Bearer\s+(\S+)$/i.exec(auth);
    if (match) return match[1];
  }
  const apiKey = headers['x-api-key'];
  return typeof apiKey === 'string' ? apiKey : undefined;
}
