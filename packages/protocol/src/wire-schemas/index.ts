export * from './chat.js';
export * from './messenger.js';
export * from './livechat.js';
export * from './media.js';
export * from './webhooks.js';
export * from './responses.js';
