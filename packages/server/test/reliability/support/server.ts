import { loadConfig, type Config } from '../../../src/config/index.js';
import { startTestServer, type TestServer } from '../../helpers/server.js';

/** A test server for load: no flood limits (the suites are the flood), a quiet log. */
export function startLoadServer(opts: { store?: 'sqlite' | 'postgres'; config?: Omit<Partial<Config>, 'limits'> & { limits?: Partial<Config['limits']> } } = {}): Promise<TestServer> {
  const defaults = loadConfig({});
  return startTestServer({
    store: opts.store,
    config: { heartbeatMs: 60_000, logRequests: false, ...opts.config, limits: { ...defaults.limits, httpRequestsPerIp: 0, httpRequestsPerUser: 0, wsFramesPerConnection: 0, ...opts.config?.limits } },
  });
}

/** Runs `work` over `items` with at most `limit` at a time. */
export async function pool<T>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await work(items[i] as T, i);
      }
    }),
  );
}

/** A seeded pseudo-random generator (mulberry32), so a failing run can be repeated. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
