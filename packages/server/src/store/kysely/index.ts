export { KyselyStore } from './kysely-store.js';
export { guardDialect, translateUnavailable } from './guard-dialect.js';
export { errorCode } from './capabilities.js';
export type { DbErrorKind, EngineCapabilities } from './capabilities.js';
export type { Database } from './db-types.js';
