import type { DbErrorKind } from './db-errors.js';
import { classifyDbError } from './db-errors.js';

/** How many times a transaction runs in all before its last failure goes up. */
const ATTEMPTS = 5;

/**
 * The one retry policy of the stores: a transaction the engine aborted (deadlock, serialisation
 * failure) runs again at once, up to five runs in all. `alsoOn` adds kinds a caller knows a rerun
 * resolves (a group commit that lost a unique race sees the winner on its next run). Busy or lost
 * databases are not retried here: they surface as E_UNAVAILABLE for the client to retry later.
 */
export async function retryAborted<T>(run: () => Promise<T>, alsoOn: readonly DbErrorKind[] = []): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      const kind = classifyDbError(err);
      const retriable = kind === 'retry' || (kind !== undefined && alsoOn.includes(kind));
      if (!retriable || attempt >= ATTEMPTS) throw err;
    }
  }
}
