// What one measured run produced, per kind of load step, and how figures are picked from records.
import type { IdleResult } from '../load/idle.js';
import type { ThroughputResult } from '../load/pairs.js';
import type { RateResult } from '../load/rate.js';
import type { FanoutResult } from '../load/fanout.js';
import type { HistoryResult } from '../load/history.js';
import type { TargetHealth } from '../load/targets/target.js';
import type { TargetName } from './args.js';

/** The measuring load steps. */
export type LoadKind = 'throughput' | 'rate' | 'idle' | 'fanout' | 'history';

export interface ResultOf {
  throughput: ThroughputResult & { setupMs: number; health: TargetHealth };
  rate: RateResult & { setupMs: number; health: TargetHealth };
  idle: IdleResult & { setupMs: number };
  fanout: FanoutResult & { setupMs: number; health: TargetHealth };
  history: HistoryResult & { setupMs: number };
}

/**
 * `variant` tells runs of the same kind apart: '' for the main figures, `x2`/`x4` for the load
 * doubling, `memory` for the long run, `profile` for the profiled one.
 */
interface RecordKey {
  run: number;
  target: TargetName;
  variant: string;
}

/** One load-generator run against freshly started server(s), or why it has no result. */
export type RunRecord =
  | { [K in LoadKind]: RecordKey & { kind: K; result: ResultOf[K] } }[LoadKind]
  | (RecordKey & { kind: LoadKind; error: string });

export function resultOf<K extends LoadKind>(record: RunRecord, kind: K): ResultOf[K] | undefined {
  return record.kind === kind && 'result' in record ? (record.result as ResultOf[K]) : undefined;
}

/** The records of one (target, kind, variant). */
export function select(records: readonly RunRecord[], target: TargetName, kind: LoadKind, variant = ''): RunRecord[] {
  return records.filter((r) => r.target === target && r.kind === kind && r.variant === variant);
}
