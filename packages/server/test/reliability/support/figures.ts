import { appendFileSync } from 'node:fs';

/** The p-th percentile (0–100) of some numbers; NaN when there are none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/**
 * Reports a suite's figures: printed (the test runner shows them), and appended as one JSON line to
 * PARLEY_FIGURES_OUT when set (`npm run reliability` collects them for docs/reliability.md).
 * Figures are reported, never asserted.
 */
export function report(suite: string, figures: Record<string, number | string | boolean>): void {
  const line = JSON.stringify({ suite, at: new Date().toISOString(), ...figures });
  console.log(`figures ${line}`);
  const out = process.env.PARLEY_FIGURES_OUT;
  if (out) appendFileSync(out, `${line}\n`);
}
