import { createStore } from '../../store/index.js';
import type { Config } from '../../config/index.js';

/** Creates or updates the schema (what every start does first), then exits. */
export async function migrate(config: Config): Promise<void> {
  const store = await createStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await store.close();
  const where = store.dialect === 'sqlite' ? config.dataDir : 'PostgreSQL';
  console.log(JSON.stringify({ migrated: true, store: store.dialect, where }));
}
