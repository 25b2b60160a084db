// Summarises a V8 .cpuprofile: the functions with the most self time, and the files they live in.
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
export interface Profile {
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
  /** Of which the thread was idle (waiting for I/O), seconds. */
  idleSeconds: number;
  /** Self time, share of all sampled time. */
  functions: FrameShare[];
  files: FrameShare[];
  /**
   * Inclusive time (the function and everything it called), share of the busy (non-idle) time: where
   * the work goes, stage by stage. The event loop's own plumbing is left out.
   */
  inclusive: FrameShare[];
}

/** Frames every sample passes through: they say nothing about where the work goes. */
const PLUMBING = new Set(['(root)', '(idle)', '(program)', 'runMicrotasks', 'processTicksAndRejections', 'processImmediate', 'runNextTicks', 'listOnTimeout', 'processTimers', 'emit']);

export function summariseProfile(file: string, count = 25): ProfileSummary {
  return summarise(JSON.parse(readFileSync(file, 'utf8')) as Profile, count);
}

export function summarise(profile: Profile, count = 25): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

  const frames = new Map<string, number>();
  const files = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let idle = 0;
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node) continue;
    const { functionName, url } = node.callFrame;
    if (functionName === '(idle)') idle += us;
    const key = frameKey(node);
    frames.set(key, (frames.get(key) ?? 0) + us);
    const short = shortUrl(url);
    const fileKey = short.split('/').slice(0, short.startsWith('packages/') ? 4 : 2).join('/') || '(native)';
    files.set(fileKey, (files.get(fileKey) ?? 0) + us);
    // Every distinct frame on the stack gets the sample once (recursion counts once).
    const onStack = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at);
      if (!frame || PLUMBING.has(frame.callFrame.functionName)) continue;
      onStack.add(frameKey(frame));
    }
    for (const k of onStack) inclusive.set(k, (inclusive.get(k) ?? 0) + us);
  }
  const top = (m: Map<string, number>, n: number, of: number): FrameShare[] =>
    [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([name, us]) => ({ name, pct: of > 0 ? (100 * us) / of : 0 }));
  return {
    sampledSeconds: total / 1e6,
    idleSeconds: idle / 1e6,
    functions: top(frames, count, total),
    files: top(files, 15, total),
    // More than are printed: the report looks its stages up in this list.
    inclusive: top(inclusive, Math.max(count, 80), total - idle),
  };
}

function shortUrl(url: string): string {
  return url.replace(/^.*node_modules\//, '').replace(/^.*\/packages\//, 'packages/').replace(/^file:\/\//, '');
}

function frameKey(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  return `${functionName || '(anonymous)'} ${shortUrl(url)}:${lineNumber + 1}`;
}
