export { buildServer, type BuildOptions, type ParleyServer } from './app.js';
export { loadConfig, ConfigError, type Config } from './config/index.js';
export type { Store } from './store/index.js';
