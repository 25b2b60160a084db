// The load-generator process: runs one scenario step against one server and prints its result as
// one `RESULT {json}` line. Started by run.ts, pinned to its own core; never runs past `deadlineMs`.
import { performance } from 'node:perf_hooks';
import { readFileSync, writeFileSync } from 'node:fs';
import { RESULT_PREFIX } from './config.js';
import type { LoadConfig } from './config.js';
import { runThroughput } from './pairs.js';
import { runRate } from './rate.js';
import { runIdle } from './idle.js';
import { runFanout } from './fanout.js';
import { runHistory } from './history.js';
import type { HistoryState } from './history.js';
import { seedHistory } from './history-seed.js';
import { relayTarget } from './targets/relay.js';
import { parleyTarget } from './targets/parley.js';
import { setupHistory } from './targets/parley-history.js';
import type { FanoutState, PairState, Target } from './targets/target.js';

function makeTarget(config: LoadConfig): Target {
  return config.target === 'baseline'
    ? relayTarget(config.wsUrls[0]!, config.timeoutMs)
    : parleyTarget({
        wsUrls: config.wsUrls,
        httpUrl: config.httpUrl,
        adminKey: config.adminKey,
        timeoutMs: config.timeoutMs,
        idleChatSize: config.idleChatSize,
        setupConcurrency: config.setupConcurrency,
        receipts: config.receipts,
      });
}

function readState<T>(config: LoadConfig): T {
  return JSON.parse(readFileSync(config.stateFile, 'utf8')) as T;
}

function writeState(config: LoadConfig, state: unknown): void {
  writeFileSync(config.stateFile, JSON.stringify(state));
}

async function withSet<S extends { health(): unknown; close(): void }, R>(open: Promise<S>, run: (set: S) => Promise<R>): Promise<R & { health: unknown }> {
  const set = await open;
  try {
    return { ...(await run(set)), health: set.health() };
  } finally {
    set.close();
  }
}

async function run(config: LoadConfig): Promise<unknown> {
  const target = makeTarget(config);
  const t0 = performance.now();
  const common = { serverPids: config.serverPids, cores: config.cores };
  const windows = { warmupMs: config.warmupMs, durationMs: config.durationMs, drainMs: config.drainMs, payloadBytes: config.payloadBytes };
  switch (config.step) {
    case 'pairs-setup':
      writeState(config, await target.setupPairs(config.pairs));
      return { setupMs: performance.now() - t0 };
    case 'idle-setup':
      writeState(config, await target.setupIdle(config.idleConnections));
      return { setupMs: performance.now() - t0 };
    case 'fanout-setup':
      writeState(config, await target.setupFanout(config.fanoutChats, config.fanoutMembers));
      return { setupMs: performance.now() - t0 };
    case 'history-setup':
      writeState(config, await setupHistory(config.httpUrl, config.adminKey));
      return { setupMs: performance.now() - t0 };
    case 'history-seed': {
      const state = readState<HistoryState>(config);
      const seeded = await seedHistory(config.seedEnv ?? {}, state, config.historyMessages, config.recentChats);
      writeState(config, { ...state, messages: config.historyMessages, recentChats: config.recentChats });
      return { setupMs: performance.now() - t0, ...seeded };
    }
    case 'idle': {
      const credentials = readState<string[]>(config);
      return runIdle(target.idleConnector(credentials), {
        connections: credentials.length,
        concurrency: config.connectConcurrency,
        settleMs: config.settleMs,
        ...common,
      });
    }
    case 'throughput':
      return withSet(target.openPairs(readState<PairState>(config)), (set) =>
        runThroughput(set.pairs, { window: config.window, ...windows, ...common }),
      );
    case 'rate':
      return withSet(target.openPairs(readState<PairState>(config)), (set) =>
        runRate(set.pairs, { rate: config.rate, rssSampleMs: config.rssSampleMs, ...windows, ...common }),
      );
    case 'fanout':
      return withSet(target.openFanout(readState<FanoutState>(config), config.fanoutSenders), (set) => runFanout(set.chats, { ...windows, ...common }));
    case 'history':
      return runHistory(readState<HistoryState>(config), {
        wsUrl: config.wsUrls[0]!,
        samples: config.historySamples,
        pageSize: 50,
        timeoutMs: config.timeoutMs,
        ...common,
      });
  }
}

const config = JSON.parse(process.argv[2] ?? '{}') as LoadConfig;
setTimeout(() => {
  console.error(`load: deadline of ${config.deadlineMs} ms passed`);
  process.exit(3);
}, config.deadlineMs).unref();

run(config).then(
  (result) => {
    console.log(RESULT_PREFIX + JSON.stringify(result));
    process.exit(0);
  },
  (err: unknown) => {
    console.error('load:', err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
