export { isPrivateAddress } from './address-policy.js';
export { resolveAllowed, type HostLookup, type ResolvedAddress } from './resolve-allowed.js';
export { pinnedRequest, readCapped, type PinnedRequestOptions, type PinnedResponse } from './pinned-request.js';
