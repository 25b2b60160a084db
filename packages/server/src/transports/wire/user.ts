import type { User } from '@parley/protocol';
import type { UserRow } from '../../store/index.js';

/** A user as the API shows it: never the token version or other internals. */
export function toUser(row: UserRow): User {
  return { id: row.id, tenantId: row.tenantId, kind: row.kind, nickname: row.nickname, profile: row.profile, createdAt: row.createdAt };
}
