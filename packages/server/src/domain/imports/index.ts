import type { TenantRow } from '../../store/index.js';
import { importSeedMessages, type ImportDeps, type ImportReport } from './import-seed.js';

export type { ImportDeps, ImportReport } from './import-seed.js';
export type { SeedProblem } from './parse-seed.js';

/** Messages brought in from another system: appended to the log with their own ids and times, no live events. */
export class ImportService {
  constructor(private readonly deps: ImportDeps) {}

  /** Seed 001 objects `{data, room}` into the tenant; run again, what is there already is a duplicate. */
  seedMessages(tenant: TenantRow, raw: readonly unknown[]): Promise<ImportReport> {
    return importSeedMessages(this.deps, tenant, raw);
  }
}
