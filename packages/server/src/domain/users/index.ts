import { randomUUID } from 'node:crypto';
import { ParleyError, type UserKind, type VisitorProfile } from '@parley/protocol';
import type { Store, TenantRow, UserRow } from '../../store/index.js';
import type { TokenService } from '../../auth/tokens.js';
import type { EventDispatcher } from '../../events/dispatcher.js';
import { agentProfileAfter, type FirstContact } from './first-contact.js';

export { webProfile, type FirstContact } from './first-contact.js';

const ID_PREFIX: Record<UserKind, string> = { agent: 'AGENT', customer: 'USER', bot: 'BOT', member: 'MEMBER' };

/** Users of a tenant and their access tokens. */
export class UserService {
  constructor(
    private readonly store: Store,
    private readonly tokens: TokenService,
    private readonly events: EventDispatcher,
  ) {}

  async create(
    tenant: TenantRow,
    input: { id?: string; kind: UserKind; nickname: string; profile?: VisitorProfile },
  ): Promise<UserRow> {
    // Visitor ids follow the seeds: USER_<domain>_<uuid>.
    const id = input.id ?? `${ID_PREFIX[input.kind]}_${tenant.domain}_${randomUUID()}`;
    return this.store.createUser({
      tenantId: tenant.id,
      id,
      kind: input.kind,
      nickname: input.nickname,
      profile: input.profile ?? {},
      tokenVersion: 0,
      disabledAt: null,
      createdAt: Date.now(),
    });
  }

  async get(tenantId: string, userId: string): Promise<UserRow> {
    const user = await this.store.getUser(tenantId, userId);
    if (!user) throw new ParleyError('E_USER_NOT_FOUND', `User ${userId} not found`);
    return user;
  }

  async issueToken(user: UserRow, ttlSeconds?: number): Promise<{ token: string; expiresAt: number }> {
    if (user.disabledAt !== null) throw new ParleyError('E_FORBIDDEN', 'The user is disabled');
    return this.tokens.issue({ tenantId: user.tenantId, userId: user.id, kind: user.kind, tokenVersion: user.tokenVersion }, ttlSeconds);
  }

  /**
   * Records an agent's first connection (WebSocket upgrade or REST call) as seed 000's user fields:
   * user agent, first page, address, channel `web`. Once recorded, later connections write nothing.
   */
  async noteConnection(user: UserRow, seen: FirstContact): Promise<UserRow> {
    const profile = agentProfileAfter(user, seen);
    if (!profile) return user;
    await this.store.updateUser(user.tenantId, user.id, { profile });
    return { ...user, profile };
  }

  /** Invalidates every token of the user and closes their sockets on every node. */
  async revokeTokens(tenantId: string, userId: string): Promise<void> {
    await this.get(tenantId, userId);
    await this.store.bumpTokenVersion(tenantId, userId);
    this.events.user(tenantId, userId, 'revoke');
  }
}
