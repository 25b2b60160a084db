export { KyselyStore } from './kysely-store.js';
export { guardDialect, translateUnavailable } from './guard-dialect.js';
export { classifyDbError, errorCode } from './db-errors.js';
export type { DbErrorKind } from './db-errors.js';
export type { EngineCapabilities } from './capabilities.js';
export type { Database } from './db-types.js';
