import { isIP } from 'node:net';
import { lookup } from 'node:dns/promises';
import { ParleyError } from '@parley/protocol';
import { isPrivateAddress } from './address-policy.js';

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** How a host name becomes addresses: the system resolver unless a caller brings its own. */
export type HostLookup = (host: string) => Promise<ResolvedAddress[]>;

/**
 * Resolves a host name and checks every address it has: one private address is enough to refuse
 * (E_URL_FORBIDDEN) unless `allowPrivate`. Returns the addresses, so the connection goes to a
 * checked one (no second lookup an attacker's DNS could answer differently). A host without an
 * address is E_FETCH_FAILED. The errors carry no path: the caller knows which field held the URL.
 */
export async function resolveAllowed(host: string, allowPrivate: boolean, lookupHost: HostLookup = systemLookup): Promise<ResolvedAddress[]> {
  const bare = host.replace(/^\[|\]$/g, '');
  const addresses = isIP(bare) ? [{ address: bare, family: isIP(bare) }] : await lookupHost(bare);
  if (addresses.length === 0) throw new ParleyError('E_FETCH_FAILED', `The host ${host} has no address`);
  if (!allowPrivate && addresses.some((a) => isPrivateAddress(a.address))) {
    throw new ParleyError('E_URL_FORBIDDEN', `The host ${host} resolves to a private or reserved address`);
  }
  return addresses;
}

async function systemLookup(host: string): Promise<ResolvedAddress[]> {
  try {
    return await lookup(host, { all: true, verbatim: true });
  } catch {
    throw new ParleyError('E_FETCH_FAILED', `The host ${host} could not be resolved`);
  }
}
