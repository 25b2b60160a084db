import type { Store } from '../../../src/store/index.js';
import type { TestStore } from '../../helpers/stores.js';

/** What every part of the conformance suite runs against: the backend and its open store (set in `before`, replaced on reopen). */
export interface ConformanceContext {
  readonly backend: TestStore;
  store: Store;
}
