import type { VisitorProfile } from '@parley/protocol';
import type { UserRow } from '../../store/index.js';

/** What the server saw of a client's first request: its address and, from its headers, the rest. */
export interface FirstContact {
  /** The client's address, as the server saw it. */
  ip: string;
  userAgent?: string;
  /** The page the client came from: its Referer, else its Origin. */
  uri?: string;
  title?: string;
}

/** The same bounds as the admin API's user profile. */
const MAX = { userAgent: 1000, firstUri: 2000, firstTitle: 500, firstIP: 100 } as const;

/**
 * Seed 000's visitor fields of a web client (channel `web`): what visitors get when their session
 * opens and agents get on their first connection.
 */
export function webProfile(seen: FirstContact): VisitorProfile {
  return {
    userAgent: (seen.userAgent ?? '').slice(0, MAX.userAgent),
    firstUri: (seen.uri ?? '').slice(0, MAX.firstUri),
    firstTitle: (seen.title ?? '').slice(0, MAX.firstTitle),
    channel: 'web',
    firstIP: seen.ip.slice(0, MAX.firstIP),
  };
}

/**
 * The profile an agent should have after a connection: their first one fills the seed 000 fields
 * (the agent desktop's user agent, page and address, as the multimedia object shows them); later ones
 * change nothing, and a field the admin set stays. Null when there is nothing to write.
 */
export function agentProfileAfter(user: UserRow, seen: FirstContact): VisitorProfile | null {
  if (user.kind !== 'agent' || user.profile.firstIP) return null;
  const web = webProfile(seen);
  const profile: VisitorProfile = { ...user.profile };
  for (const key of ['userAgent', 'firstUri', 'firstTitle', 'channel', 'firstIP'] as const) {
    if (!profile[key]) profile[key] = web[key];
  }
  return profile;
}
