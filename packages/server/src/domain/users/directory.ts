import type { MessageUser } from '@parley/protocol';
import type { Store, UserRow } from '../../store/index.js';

const TTL_MS = 30_000;
const MAX_ENTRIES = 50_000;

/** Who a sender is, as messages show it; cached because every delivered message names its sender. */
export class UserDirectory {
  private readonly cache = new Map<string, { user: MessageUser; at: number }>();

  constructor(private readonly store: Store) {}

  async messageUser(tenantId: string, userId: string): Promise<MessageUser> {
    const key = `${tenantId}\u0000${userId}`;
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.user;
    const row = await this.store.getUser(tenantId, userId);
    const user = row ? toMessageUser(row) : { id: userId, isAgent: userId.startsWith('ADMIN_'), nickname: userId };
    if (this.cache.size >= MAX_ENTRIES) this.cache.clear();
    this.cache.set(key, { user, at: Date.now() });
    return user;
  }

  remember(row: UserRow): void {
    this.cache.set(`${row.tenantId}\u0000${row.id}`, { user: toMessageUser(row), at: Date.now() });
  }
}

/** Agents and bots speak for the business: `isAgent` is true for both (seed 001's BOT_BOT1). */
export function toMessageUser(row: UserRow): MessageUser {
  return { id: row.id, isAgent: row.kind === 'agent' || row.kind === 'bot', nickname: row.nickname };
}
