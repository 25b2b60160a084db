/**
 * Sizes of the reliability suites: small in `npm test`, large under `npm run reliability`
 * (which sets PARLEY_RELIABILITY=long and passes its flags as environment variables).
 */
export const LONG = process.env.PARLEY_RELIABILITY === 'long';

export function size(short: number, long: number): number {
  const override = process.env.PARLEY_RELIABILITY_SCALE;
  const base = LONG ? long : short;
  return override ? Math.max(1, Math.round(base * Number(override))) : base;
}

/** Crash cycles per backend: `--cycles N`, else 4 (npm test) or 200 (long form). */
export const CRASH_CYCLES = Number(process.env.PARLEY_CRASH_CYCLES ?? (LONG ? 200 : 4));

/** Power cuts in the power-loss suite: `--cuts N`, else 3 (npm test) or 100 (long form). */
export const POWER_CUTS = Number(process.env.PARLEY_POWER_CUTS ?? (LONG ? 100 : 3));
