// The targets of issue 9, each judged from this run's medians: met, or missed by how much.
import { resultOf } from './results.js';
import type { ResultOf, RunRecord } from './results.js';
import { figure, num, ratio } from './figures.js';
import type { Spread } from './stats.js';
import type { BenchOptions } from './args.js';

export interface TargetVerdict {
  target: string;
  measured: string;
  verdict: string;
}

/** A floor ("at least"): met, or missed by how much. */
function atLeast(value: number | undefined, floor: number, unit: string, digits: number): string {
  if (value === undefined) return 'not measured';
  if (value >= floor) return `met (${num(value / floor, 2)}× the floor)`;
  return `**missed** by ${num(floor - value, digits)}${unit} (${num((100 * value) / floor, 0)}% of the floor)`;
}

/** A ceiling ("under"): met, or missed by how much. */
function under(value: number | undefined, ceiling: number, unit: string, digits: number): string {
  if (value === undefined) return 'not measured';
  if (value < ceiling) return `met (${num((100 * value) / ceiling, 0)}% of the ceiling)`;
  return `**missed** by ${num(value - ceiling, digits)}${unit} (${num(value / ceiling, 1)}× the ceiling)`;
}

const show = (s: Spread | undefined, digits: number, unit = ''): string => (s ? `${num(s.median, digits)}${unit}` : '—');

export function judgeTargets(records: readonly RunRecord[], opts: BenchOptions): TargetVerdict[] {
  const out: TargetVerdict[] = [];
  const tput = (v = '') => (target: 'baseline' | 'parley') => figure(records, target, 'throughput', v, (r) => resultOf(r, 'throughput')?.msgsPerSec);
  const share = ratio(tput()('parley'), tput()('baseline'));
  out.push({
    target: 'throughput ≥ 30% of the baseline msgs/s on SQLite (aim 50%)',
    measured: share === undefined ? '—' : `${num(100 * share, 1)}% (${show(tput()('parley'), 0)} ÷ ${show(tput()('baseline'), 0)} msgs/s)`,
    verdict:
      share === undefined
        ? 'not measured'
        : `${atLeast(100 * share, 30, ' points', 1)}; aim of 50%: ${share >= 0.5 ? 'met' : `missed by ${num(50 - 100 * share, 1)} points`}`,
  });

  const rate = (pick: (r: ResultOf['rate']) => number) =>
    figure(records, 'parley', 'rate', '', (r) => {
      const x = resultOf(r, 'rate');
      return x ? pick(x) : undefined;
    });
  const held = rate((x) => (x.held ? 1 : 0));
  const heldNote = held === undefined ? '' : held.median >= 1 ? `; the rate held (${show(rate((x) => x.achievedPerSec), 0)} of ${num(opts.rate, 0)} msgs/s)` : `; **the rate did not hold** (${show(rate((x) => x.achievedPerSec), 0)} of ${num(opts.rate, 0)} msgs/s)`;
  const p99 = rate((x) => x.latencyMs.p99);
  const p999 = rate((x) => x.latencyMs.p999);
  out.push({ target: `at ${num(opts.rate, 0)} msgs/s: p99 < 5 ms`, measured: show(p99, 2, ' ms'), verdict: under(p99?.median, 5, ' ms', 2) + heldNote });
  out.push({ target: `at ${num(opts.rate, 0)} msgs/s: p999 < 20 ms`, measured: show(p999, 2, ' ms'), verdict: under(p999?.median, 20, ' ms', 2) });

  const idle = (pick: (r: ResultOf['idle']) => number, v = '') =>
    figure(records, 'parley', 'idle', v, (r) => {
      const x = resultOf(r, 'idle');
      return x ? pick(x) : undefined;
    });
  const bytes = idle((x) => x.bytesPerConnection);
  const connects = idle((x) => x.connectsPerSec);
  out.push({ target: '≤ 8 KiB of server memory per idle authenticated connection', measured: show(bytes, 0, ' B'), verdict: bytes ? (bytes.median <= 8192 ? `met (${num((100 * bytes.median) / 8192, 0)}% of 8 KiB)` : under(bytes.median, 8192, ' B', 0)) : 'not measured' });
  out.push({ target: '≥ 2,000 authenticated connects/s', measured: show(connects, 0, '/s'), verdict: atLeast(connects?.median, 2000, '/s', 0) });

  const page = figure(records, 'parley', 'history', '', (r) => resultOf(r, 'history')?.page.latencyMs.p99);
  const messages = records.map((r) => (r.variant === '' ? resultOf(r, 'history')?.messages : undefined)).find((m) => m !== undefined);
  const small = messages !== undefined && messages < 1_000_000 ? ` (at ${num(messages, 0)} messages, not 1,000,000)` : '';
  out.push({ target: 'history page of 50 from a 1,000,000-message chat: p99 < 2 ms on SQLite', measured: show(page, 2, ' ms') + small, verdict: under(page?.median, 2, ' ms', 2) });

  out.push(...growthVerdicts(records));
  return out;
}

/** "Cost grows linearly or better": each doubling judged from the scaling runs. */
function growthVerdicts(records: readonly RunRecord[]): TargetVerdict[] {
  const out: TargetVerdict[] = [];
  const tp = (v: string, pick: (x: ResultOf['throughput']) => number) =>
    figure(records, 'parley', 'throughput', v, (r) => {
      const x = resultOf(r, 'throughput');
      return x ? pick(x) : undefined;
    });
  // The largest doubling measured (4× in the full run, 2× in --quick).
  const factor = tp('x4', (x) => x.msgsPerSec) ? 4 : 2;
  const m1 = tp('', (x) => x.msgsPerSec);
  const mN = tp(`x${factor}`, (x) => x.msgsPerSec);
  const l1 = tp('', (x) => x.latencyMs.p99);
  const lN = tp(`x${factor}`, (x) => x.latencyMs.p99);
  if (m1 && mN && l1 && lN) {
    const keep = mN.median / m1.median;
    const lat = lN.median / l1.median;
    const bound = factor * 1.1;
    out.push({
      target: `linear or better: ${factor}× the pairs`,
      measured: `msgs/s ×${num(keep, 2)}, p99 ×${num(lat, 2)}`,
      verdict: keep >= 0.9 && lat <= bound ? 'met' : `**missed**: ${keep < 0.9 ? `msgs/s fell to ${num(100 * keep, 0)}%` : ''}${keep < 0.9 && lat > bound ? ', ' : ''}${lat > bound ? `p99 grew ${num(lat, 1)}× for ${factor}× the load` : ''}`,
    });
  }
  const idle = (v: string) => figure(records, 'parley', 'idle', v, (r) => resultOf(r, 'idle')?.bytesPerConnection);
  const b1 = idle('');
  const b2 = idle('x2');
  if (b1 && b2) {
    const g = b2.median / b1.median;
    out.push({ target: 'linear or better: 2× the idle connections', measured: `bytes/conn ×${num(g, 2)}`, verdict: g <= 1.15 ? 'met' : `**missed**: each connection costs ${num(g, 2)}× as much` });
  }
  const hist = (v: string, pick: (x: ResultOf['history']) => number) =>
    figure(records, 'parley', 'history', v, (r) => {
      const x = resultOf(r, 'history');
      return x ? pick(x) : undefined;
    });
  const p1 = hist('tenth', (x) => x.page.latencyMs.p99);
  const p10 = hist('', (x) => x.page.latencyMs.p99);
  const c1 = hist('tenth', (x) => x.recent.latencyMs.p99);
  const c10 = hist('', (x) => x.recent.latencyMs.p99);
  if (p1 && p10) {
    const g = p10.median / p1.median;
    out.push({ target: 'linear or better: 10× the history', measured: `page p99 ×${num(g, 2)}`, verdict: g <= 10 ? `met (${g <= 2 ? 'about flat' : 'sub-linear'})` : `**missed**: ×${num(g, 1)}` });
  }
  if (c1 && c10) {
    const g = c10.median / c1.median;
    out.push({ target: 'linear or better: 10× the chats of a user', measured: `recent-chats p99 ×${num(g, 2)}`, verdict: g <= 10 ? `met (${g <= 2 ? 'about flat' : 'sub-linear'})` : `**missed**: ×${num(g, 1)}` });
  }
  if (out.length === 0) out.push({ target: 'linear or better growth', measured: '—', verdict: 'not measured (run the scaling scenario)' });
  return out;
}

export function targetsTable(verdicts: readonly TargetVerdict[]): string[] {
  return ['| target | measured (median) | verdict |', '| --- | ---: | --- |', ...verdicts.map((v) => `| ${v.target} | ${v.measured} | ${v.verdict} |`)];
}
