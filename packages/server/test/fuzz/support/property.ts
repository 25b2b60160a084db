import { ParleyError } from '@parley/protocol';

/**
 * Under the fuzzer (`npm run fuzz` sets it to 250), one input taking longer than this is a finding: a
 * regular expression gone exponential, a parser loop. The corpus replay in `npm test` asserts no timing.
 */
export const SLOW_MS = Number(process.env.PARLEY_FUZZ_SLOW_MS ?? Infinity);

/** A broken promise of the parsers: thrown out of a fuzz target, it is what the fuzzer reports. */
export class FuzzFinding extends Error {
  override name = 'FuzzFinding';
}

/** A sound refusal: a ParleyError with an `E_*` code, never E_INTERNAL. */
export function checkRefusal(what: string, err: unknown): void {
  if (!(err instanceof ParleyError)) {
    throw new FuzzFinding(`${what}: threw ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`, { cause: err });
  }
  if (!/^E_[A-Z_]+$/.test(err.code) || err.code === 'E_INTERNAL') throw new FuzzFinding(`${what}: refused with ${err.code}: ${err.message}`, { cause: err });
}

/**
 * Fails when one input took longer than SLOW_MS, and still did on each of 3 more runs: on a shared
 * machine a single slow run is a GC pause or a neighbour, a slow input is slow every time.
 */
export function checkTime(what: string, started: number, rerun: () => unknown): void {
  let ms = performance.now() - started;
  for (let i = 0; i < 3 && ms > SLOW_MS; i++) {
    const again = performance.now();
    try {
      rerun();
    } catch {
      // its verdict was checked on the first run
    }
    ms = Math.min(ms, performance.now() - again);
  }
  if (ms > SLOW_MS) throw new FuzzFinding(`${what}: one input takes ${ms.toFixed(0)} ms (bound ${SLOW_MS} ms)`);
}

/**
 * Runs one input: it is accepted, or refused with an `E_*` ParleyError, within the time bound, and
 * leaves no key on Object.prototype (a parser must not be a way to pollute every object).
 */
export function expectSound(what: string, run: () => void): void {
  const started = performance.now();
  try {
    run();
  } catch (err) {
    checkRefusal(what, err);
  }
  checkTime(what, started, run);
  checkPrototype(what);
}

export function checkPrototype(what: string): void {
  for (const key in Object.prototype) throw new FuzzFinding(`${what}: Object.prototype gained "${key}"`);
}
