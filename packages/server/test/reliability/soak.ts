// `npm run soak -- --minutes N`: the long soak (suite 6). Prints its figures as one JSON line.
import { report } from './support/figures.js';
import { runSoak } from './support/soak-runner.js';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number): number => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? Number(args[i + 1]) : fallback;
};
const minutes = flag('minutes', 5);
const durationMs = minutes * 60_000;
const result = await runSoak({
  durationMs,
  warmupMs: Math.min(60_000, durationMs * 0.2),
  probeMs: 5_000,
  users: flag('users', 200),
  sessions: flag('sessions', 50),
  log: (line) => console.log(line),
});
report('soak', { ...result });
if (result.lost > 0 || result.serverErrors > 0) {
  console.error(`soak failed: ${result.lost} lost, ${result.serverErrors} server errors`);
  process.exit(1);
}
