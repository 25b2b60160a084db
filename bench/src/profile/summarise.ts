// Summarises a V8 .cpuprofile: the functions with the most self time, and the files they live in.
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface FrameShare {
  /** `function file:line`, or a file / package. */
  name: string;
  /** Share of the sampled time, %. */
  pct: number;
}

export interface ProfileSummary {
  sampledSeconds: number;
  functions: FrameShare[];
  files: FrameShare[];
}

export function summariseProfile(file: string, count = 25): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

  const frames = new Map<string, number>();
  const files = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const short = url.replace(/^.*node_modules\//, '').replace(/^.*\/packages\//, 'packages/').replace(/^file:\/\//, '');
    const key = `${functionName || '(anonymous)'} ${short}:${lineNumber + 1}`;
    frames.set(key, (frames.get(key) ?? 0) + us);
    const fileKey = short.split('/').slice(0, short.startsWith('packages/') ? 4 : 2).join('/') || '(native)';
    files.set(fileKey, (files.get(fileKey) ?? 0) + us);
  }
  const top = (m: Map<string, number>, n: number): FrameShare[] =>
    [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([name, us]) => ({ name, pct: total > 0 ? (100 * us) / total : 0 }));
  return { sampledSeconds: total / 1e6, functions: top(frames, count), files: top(files, 15) };
}
