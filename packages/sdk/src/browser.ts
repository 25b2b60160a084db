/**
 * The browser entry of `@parley/sdk`: everything the main entry exports, and `window.LIVECHATSDK`
 * installed on load so the seed 002 snippets run as written. Bundle it with Vite (packages/web) or any
 * bundler: `import '@parley/sdk/browser'`.
 *
 * @example
 * ```ts
 * import '@parley/sdk/browser';
 * await window.LIVECHATSDK.init({ url: location.origin, token });
 * ```
 */
import { installGlobal } from './facades/livechat/global.js';
import type { LivechatSDK } from './facades/livechat/livechat-sdk.js';

declare global {
  interface Window {
    /** The agent SDK of seeds 000 and 002, installed by `@parley/sdk/browser`. */
    LIVECHATSDK: LivechatSDK;
  }
}

installGlobal();

export * from './index.js';
