import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Heap and RSS after a full garbage collection, in MiB: what is really kept, not garbage. */
export function settledMemory(): { heapMiB: number; rssMiB: number } {
  gc();
  gc();
  const m = process.memoryUsage();
  return { heapMiB: m.heapUsed / 1048576, rssMiB: m.rss / 1048576 };
}
