export { loggerOptions, requestId } from './logger-options.js';
export { registerRequestLog } from './request-log.js';
export { REDACT_PATHS, safeUrl } from './redact.js';
