import type { Plan } from '../../store/index.js';

/** The media settings of a tenant's plan, with their defaults. */
export interface MediaPolicy {
  /**
   * Let `fileUrl` reach private, loopback and link-local addresses (an intranet file server, tests).
   * Off by default: the server would otherwise fetch its own network for anyone who can send.
   */
  allowPrivateFileUrls: boolean;
}

export function planMediaPolicy(plan: Plan): MediaPolicy {
  return { allowPrivateFileUrls: plan.media?.allowPrivateFileUrls === true };
}
