/**
 * Message content, one module per family: schema, type and pure rules. The server validates a send
 * with `validateContent`, then, for the types `needsReference` names, loads the message `referenceOf`
 * points at (same chat) and applies `checkMenuResponse`, `checkQuickReplyResponse` or `checkFormResponse`.
 */
export * from './common.js';
export * from './text.js';
export * from './media.js';
export * from './link.js';
export * from './menu.js';
export * from './quick-reply.js';
export * from './form.js';
export * from './reaction.js';
export * from './reactions-fold.js';
export * from './contacts.js';
export * from './location.js';
export * from './call-events.js';
export * from './chat-events.js';
export * from './content-schemas.js';
export * from './validate-content.js';
export * from './content-rules.js';
export * from './menu-rules.js';
export * from './quick-reply-rules.js';
export * from './form-rules.js';
export * from './form-regexp.js';
export * from './kinds.js';
export * from './references.js';
export { ruleError } from './rule-error.js';
