// Prints the summary of a V8 .cpuprofile (see summarise.ts).
// Usage: node --import tsx bench/src/profile/top-frames.ts <file.cpuprofile> [count]
import { summariseProfile } from './summarise.js';
import type { FrameShare } from './summarise.js';

const [file, countArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: top-frames <file.cpuprofile> [count]');
  process.exit(2);
}
const summary = summariseProfile(file, Number(countArg ?? 25));
const lines = (shares: FrameShare[]): string => shares.map((s) => `${s.pct.toFixed(1).padStart(5)}%  ${s.name}`).join('\n');
console.log(`total ${summary.sampledSeconds.toFixed(2)} s sampled\n\nby function (self time):`);
console.log(lines(summary.functions));
console.log('\nby file/package:');
console.log(lines(summary.files));
