/** The steps a load-generator process can run: set-ups (`-setup`, `-seed`) and measurements. */
export type LoadStep =
  | 'pairs-setup'
  | 'idle-setup'
  | 'fanout-setup'
  | 'history-setup'
  | 'history-seed'
  | 'throughput'
  | 'rate'
  | 'idle'
  | 'fanout'
  | 'history';

/** What the orchestrator (run.ts) asks one load-generator process to do; passed as JSON in argv. */
export interface LoadConfig {
  /** `baseline` is the relay; anything else is Parley (on whichever deployment). */
  target: 'baseline' | 'parley';
  step: LoadStep;
  /** A set-up step writes what it created (users, chats, tokens) here for the measuring steps. */
  stateFile: string;
  /** `ws://127.0.0.1:<port>` of each node: senders use the first, receivers the last. */
  wsUrls: string[];
  /** `http://127.0.0.1:<port>` of the first node (admin API during set-up). */
  httpUrl: string;
  adminKey: string;
  /** The server processes under test (RSS and CPU from /proc, summed). */
  serverPids: number[];
  /** The cores server and load generator are pinned to (for the other-processes CPU reading). */
  cores: number[];
  /** `history-seed` only: the environment of the Parley node whose store it fills (data folder, keys). */
  seedEnv?: Record<string, string>;
  pairs: number;
  window: number;
  warmupMs: number;
  durationMs: number;
  drainMs: number;
  payloadBytes: number;
  /** Parley receivers send `delivered` receipts. */
  receipts: boolean;
  /** Fixed-rate step: messages/s offered; `rssSampleMs` > 0 also samples the server's RSS. */
  rate: number;
  rssSampleMs: number;
  idleConnections: number;
  idleChatSize: number;
  connectConcurrency: number;
  fanoutChats: number;
  fanoutMembers: number;
  fanoutSenders: number;
  historyMessages: number;
  recentChats: number;
  historySamples: number;
  setupConcurrency: number;
  settleMs: number;
  /** Bound on any single connect or request. */
  timeoutMs: number;
  /** Bound on the whole process: it exits with an error past this. */
  deadlineMs: number;
}

/** The prefix of the one stdout line that carries the result. */
export const RESULT_PREFIX = 'RESULT ';
