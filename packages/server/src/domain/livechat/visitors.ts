import { ParleyError, type VisitorProfile } from '@parley/protocol';
import type { TenantRow, UserRow } from '../../store/index.js';
import type { Actor } from '../actor.js';
import { actingUser, can } from '../../authz/index.js';
import type { LivechatDeps } from './deps.js';
import { enforceLimits } from './rate-limit.js';
import { webProfile } from '../users/index.js';

/** Seed 000's full user object (one definition, in the protocol). */
export type { SeedUser } from '@parley/protocol';
import type { SeedUser } from '@parley/protocol';

/** The seed 000 fields of a user row (or of an id that names no user). */
function seedUserOf(id: string, user: UserRow | null, isOnline: boolean, beginTime: number | '', endTime: number | ''): SeedUser {
  const profile = user?.profile ?? {};
  return {
    id,
    nickname: user?.nickname ?? id,
    isAgent: user ? user.kind === 'agent' || user.kind === 'bot' : id.startsWith('ADMIN_'),
    beginTime,
    endTime,
    isOnline,
    userAgent: profile.userAgent ?? '',
    firstUri: profile.firstUri ?? '',
    firstTitle: profile.firstTitle ?? '',
    channel: profile.channel ?? '',
    firstIP: profile.firstIP ?? '',
  };
}

export interface SessionInput {
  nickname: string;
  email?: string;
  userAgent?: string;
  firstUri?: string;
  firstTitle?: string;
  /** The client's address, as the server saw it (never taken from the body). */
  firstIP: string;
}

export interface VisitorSession {
  token: string;
  expiresAt: number;
  visitor: SeedUser;
}

/**
 * Website visitors: an anonymous session is a customer user of one tenant with a short-lived signed
 * token (HS256 over a server secret of at least 256 bits, with an expiry, bound to the tenant and the
 * user). A customer only ever reaches chats they are a member of (ChatAccess), so the token reaches
 * the visitor's own chats and nothing else.
 */
export class VisitorService {
  constructor(private readonly deps: LivechatDeps) {}

  /** The tenant named by its domain or its ContactCenterId; unknown is E_TENANT_NOT_FOUND. */
  async tenant(by: { domain?: string; contactCenterId?: string }): Promise<TenantRow> {
    const { store } = this.deps;
    const tenant = by.contactCenterId
      ? await store.getTenantByContactCenterId(by.contactCenterId)
      : by.domain
        ? await store.getTenantByDomain(by.domain)
        : null;
    if (!tenant) throw new ParleyError('E_TENANT_NOT_FOUND', 'No tenant has this domain or ContactCenterId');
    return tenant;
  }

  /**
   * Opens a session. A caller that already holds a valid visitor token of the same tenant is the same
   * visitor returning: they get a fresh token and keep their chats.
   */
  async open(tenant: TenantRow, input: SessionInput, returning?: Actor): Promise<VisitorSession> {
    const { limits } = this;
    this.deps.tenants.requireFeature(tenant, 'livechat');
    await enforceLimits(this.deps.limiter, [{ key: `session:ip:${input.firstIP}`, limit: limits.sessionsPerIp }], limits.windowMs);
    // Only a visitor of this same tenant returns as themselves; anyone else opens a new visitor.
    const returningVisitor = returning && can(returning, 'visitLivechat') && returning.tenant.id === tenant.id ? actingUser(returning) : null;
    const user: UserRow = returningVisitor ?? (await this.create(tenant, input));
    const { token, expiresAt } = await this.deps.users.issueToken(user, this.deps.config.visitorTokenTtlSeconds);
    return { token, expiresAt, visitor: await this.seedUser(tenant.id, user.id) };
  }

  /** A new customer user with the seed 000 visitor fields (channel `web`). */
  create(tenant: TenantRow, input: SessionInput): Promise<UserRow> {
    const profile: VisitorProfile = {
      ...webProfile({ ip: input.firstIP, userAgent: input.userAgent, uri: input.firstUri, title: input.firstTitle }),
      ...(input.email ? { email: input.email } : {}),
    };
    return this.deps.users.create(tenant, { kind: 'customer', nickname: input.nickname, profile });
  }

  /**
   * Seed 000's user object. `beginTime`: when the visitor first came; `endTime`: when their latest
   * chat ended ('' while one is open); `isOnline`: a live connection on any node.
   */
  async seedUser(tenantId: string, userId: string): Promise<SeedUser> {
    const { store, bus } = this.deps;
    const [user, online, chats] = await Promise.all([
      store.getUser(tenantId, userId),
      bus.presence.online(tenantId, [userId]).catch(() => new Set<string>()),
      store.livechat.listVisitorChats(tenantId, userId),
    ]);
    if (!user) throw new ParleyError('E_USER_NOT_FOUND', `User ${userId} not found`);
    const open = chats.some((c) => c.endedAt === null);
    const lastEnd = chats.reduce<number | null>((max, c) => (c.endedAt !== null && (max === null || c.endedAt > max) ? c.endedAt : max), null);
    return seedUserOf(userId, user, online.has(userId), user.createdAt, open || lastEnd === null ? '' : lastEnd);
  }

  /**
   * Seed 000's user object of a chat's participant (the sender of a media message, agent or visitor):
   * `beginTime` and `endTime` are when they joined and left this chat. A sender that is no user (an
   * admin key acting as the system) gets its id as nickname.
   */
  async seedUserInChat(tenantId: string, chatId: string, userId: string): Promise<SeedUser> {
    const { store, bus } = this.deps;
    const [user, member, online] = await Promise.all([
      store.getUser(tenantId, userId),
      store.getMember(chatId, userId),
      bus.presence.online(tenantId, [userId]).catch(() => new Set<string>()),
    ]);
    return seedUserOf(userId, user, online.has(userId), member?.joinedAt ?? user?.createdAt ?? '', member?.leftAt ?? '');
  }

  private get limits(): LivechatDeps['config']['rateLimits'] {
    return this.deps.config.rateLimits;
  }
}
