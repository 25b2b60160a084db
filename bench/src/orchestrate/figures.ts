// Figures over runs: pick a number from each record of a (target, kind, variant), take the median
// and range, and format it for the report.
import { spread } from './stats.js';
import type { Spread } from './stats.js';
import { select } from './results.js';
import type { LoadKind, RunRecord } from './results.js';
import type { TargetName } from './args.js';

export function figure(
  records: readonly RunRecord[],
  target: TargetName,
  kind: LoadKind,
  variant: string,
  pick: (r: RunRecord) => number | undefined,
): Spread | undefined {
  return spread(
    select(records, target, kind, variant)
      .map(pick)
      .filter((v): v is number => v !== undefined && Number.isFinite(v)),
  );
}

/** Why a (target, kind, variant) has no figure: the first error of its runs. */
export function failure(records: readonly RunRecord[], target: TargetName, kind: LoadKind, variant = ''): string | undefined {
  const failed = select(records, target, kind, variant).find((r) => 'error' in r);
  return failed && 'error' in failed ? failed.error.split('\n')[0] : undefined;
}

export function num(value: number, digits: number): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** The median, with the range when there were several runs; `—` when there is none. */
export function cell(s: Spread | undefined, digits: number, missing = '—'): string {
  if (!s) return missing;
  if (s.values.length === 1) return num(s.median, digits);
  return `${num(s.median, digits)} (${num(s.min, digits)}–${num(s.max, digits)})`;
}

export function ratio(a: Spread | undefined, b: Spread | undefined): number | undefined {
  return a && b && b.median !== 0 ? a.median / b.median : undefined;
}

export function mib(bytes: number): number {
  return bytes / (1024 * 1024);
}
