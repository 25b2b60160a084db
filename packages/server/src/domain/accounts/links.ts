import { randomBytes, randomUUID } from 'node:crypto';
import { ParleyError, type LinkPurpose, type StaffRole } from '@parley/protocol';
import type { AccountStore, AuthLinkRow } from '../../store/index.js';
import { hashSecret } from './refresh-tokens.js';

/** How long each kind of single-use link works. */
export const LINK_TTL_MS: Record<LinkPurpose, number> = {
  setup: 24 * 3600_000,
  invite: 7 * 24 * 3600_000,
  reset: 3600_000,
};

/** The console page each kind of link opens; the secret rides in the fragment, so no server log sees it. */
const PAGE: Record<LinkPurpose, string> = { setup: 'setup', invite: 'accept', reset: 'reset' };

export interface IssuedLink {
  row: AuthLinkRow;
  /** The address to send; it holds the secret, so it is never logged or stored. */
  url: string;
}

/**
 * Single-use links of invitations and resets: a random secret travels in the link, only its sha-256
 * is stored. Finding and using one are separate so a form can be checked (password policy) before
 * the link is spent.
 */
export class LinkIssuer {
  constructor(
    private readonly store: AccountStore,
    /** The base of the links (`PARLEY_PUBLIC_URL`, or the address listened on). */
    private readonly publicUrl: () => string,
    private readonly now: () => number,
  ) {}

  async issue(input: { purpose: LinkPurpose; tenantId: string; userId: string; email: string; role: StaffRole | null; createdBy: string }): Promise<IssuedLink> {
    const secret = randomBytes(32).toString('base64url');
    const at = this.now();
    const row: AuthLinkRow = { ...input, hash: hashSecret(secret), id: randomUUID(), createdAt: at, expiresAt: at + LINK_TTL_MS[input.purpose], usedAt: null };
    await this.store.createLink(row);
    return { row, url: `${this.publicUrl().replace(/\/+$/, '')}/console/#/${PAGE[input.purpose]}?token=${secret}` };
  }

  /** A link that is still usable, of one of `purposes`; E_LINK_INVALID otherwise (unknown, used, expired). */
  async find(token: string, purposes: readonly LinkPurpose[]): Promise<AuthLinkRow> {
    const row = await this.store.getLink(hashSecret(token));
    if (row === null || !purposes.includes(row.purpose) || row.usedAt !== null || row.expiresAt <= this.now()) throw new ParleyError('E_LINK_INVALID');
    return row;
  }

  /** Uses a link once, atomically: of two uses at once, one wins; the other gets E_LINK_INVALID. */
  async consume(token: string, purpose: LinkPurpose): Promise<AuthLinkRow> {
    const row = await this.store.consumeLink(hashSecret(token), purpose, this.now());
    if (row === null) throw new ParleyError('E_LINK_INVALID');
    return row;
  }
}
