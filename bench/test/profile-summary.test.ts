import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summarise, type Profile } from '../src/profile/summarise.js';

/**
 * A hand-made profile: root → processImmediate → commit → (sqlite, fsync), root → onFrame → parse,
 * root → (idle). Times in µs: commit 10 self + sqlite 30 + fsync 20, onFrame 5 + parse 15, idle 20.
 */
function profile(): Profile {
  const frame = (id: number, functionName: string, url: string, children: number[] = []) => ({
    id,
    callFrame: { functionName, url, lineNumber: 0 },
    children,
  });
  const nodes = [
    frame(1, '(root)', '', [2, 6, 8]),
    frame(2, 'processImmediate', 'node:internal/timers', [3]),
    frame(3, 'commit', 'file:///x/packages/server/src/store/sqlite/index.ts', [4, 5]),
    frame(4, 'sqliteTransaction', 'file:///x/node_modules/better-sqlite3/lib/methods/transaction.js'),
    frame(5, 'fsync', ''),
    frame(6, 'onFrame', 'file:///x/packages/server/src/transports/ws/gateway.ts', [7]),
    frame(7, 'parse', ''),
    frame(8, '(idle)', ''),
  ];
  const samples: number[] = [];
  const timeDeltas: number[] = [];
  const add = (id: number, us: number) => {
    samples.push(id);
    timeDeltas.push(us);
  };
  add(3, 10);
  add(4, 30);
  add(5, 20);
  add(6, 5);
  add(7, 15);
  add(8, 20);
  return { nodes, samples, timeDeltas };
}

void test('self time is a share of all sampled time, inclusive time a share of the busy time', () => {
  const s = summarise(profile(), 10);
  assert.equal(s.sampledSeconds, 100 / 1e6);
  assert.equal(s.idleSeconds, 20 / 1e6);
  const self = new Map(s.functions.map((f) => [f.name.split(' ')[0], f.pct]));
  assert.equal(self.get('sqliteTransaction'), 30);
  assert.equal(self.get('(idle)'), 20);
  const inclusive = new Map(s.inclusive.map((f) => [f.name.split(' ')[0], f.pct]));
  // commit and all it called: 60 of the 80 busy µs.
  assert.equal(inclusive.get('commit'), 75);
  assert.equal(inclusive.get('onFrame'), 25);
  assert.equal(inclusive.get('fsync'), 25);
  // The loop's own frames and the idle time say nothing about where the work goes.
  for (const plumbing of ['(root)', 'processImmediate', '(idle)']) assert.equal(inclusive.has(plumbing), false, plumbing);
  assert.equal(s.inclusive[0]?.name, 'commit packages/server/src/store/sqlite/index.ts:1');
});
