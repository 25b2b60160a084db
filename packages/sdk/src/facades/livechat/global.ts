import { LIVECHATSDK, type LivechatSDK } from './livechat-sdk.js';

/**
 * Makes `LIVECHATSDK` a global (`window.LIVECHATSDK` in a browser), for pages that use the seed 002
 * snippets as written. The browser entry `@parley/sdk/browser` calls it on load. Returns the instance.
 *
 * @example
 * ```ts
 * import { installGlobal } from '@parley/sdk';
 * installGlobal();
 * await window.LIVECHATSDK.init({ url: location.origin, token });
 * ```
 */
export function installGlobal(target: object = globalThis): LivechatSDK {
  (target as { LIVECHATSDK?: LivechatSDK }).LIVECHATSDK = LIVECHATSDK;
  return LIVECHATSDK;
}
