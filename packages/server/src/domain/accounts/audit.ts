import { randomBytes } from 'node:crypto';
import type { AccountStore, AuditRow } from '../../store/index.js';

/**
 * The audit log's writer. Ids start with the time in base 36, fixed width, so they sort by time and
 * the log pages by id alone. Nothing secret goes in: no password, token or link.
 */
export function auditId(at: number): string {
  return `${at.toString(36).padStart(9, '0')}-${randomBytes(6).toString('hex')}`;
}

export type AuditEntry = Omit<AuditRow, 'id' | 'at' | 'target' | 'ip' | 'detail'> & Partial<Pick<AuditRow, 'target' | 'ip' | 'detail'>>;

export class AuditLog {
  constructor(
    private readonly store: Pick<AccountStore, 'appendAudit'>,
    private readonly now: () => number = Date.now,
  ) {}

  async record(entry: AuditEntry): Promise<void> {
    const at = this.now();
    await this.store.appendAudit({ target: '', ip: '', detail: {}, ...entry, id: auditId(at), at });
  }
}

/** The actor string of a user. */
export const userRef = (userId: string): string => `user:${userId}`;
