import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Bus, ResyncReason } from '../../../src/bus/index.js';
import type { TestBusBackend } from './context.js';
import { until } from './support.js';

const sorted = async (online: Promise<Set<string>>): Promise<string[]> => [...(await online)].sort();

/** Who is online across the nodes, and the resync when a node dies. */
export function presenceConformance(backend: TestBusBackend): void {
  describe('presence', () => {
    it('keeps presence across nodes and asks for a resync when a node dies', async () => {
      const cluster = backend.cluster();
      try {
        const a = await cluster.node({ presenceTtlMs: 1_000 });
        const b = await cluster.node({ presenceTtlMs: 1_000 });
        const reasons: ResyncReason[] = [];
        a.onResync((r) => reasons.push(r));
        b.presence.connected('t', 'u1');
        await until('both nodes alive', async () => (await a.presence.nodes()).length === 2);
        assert.deepEqual((await a.presence.nodes()).map((n) => n.nodeId).sort(), [a.nodeId, b.nodeId].sort());
        a.presence.connected('t', 'u2');
        await until('both users online', async () => (await sorted(a.presence.online('t', ['u1', 'u2', 'u3']))).join() === 'u1,u2');
        // a's heartbeat carries its connection count: once it shows u2's, a has beaten (and looked for
        // live nodes) since b was alive, so it knows b is there to lose.
        const aBeat = async (): Promise<boolean> => (await a.presence.nodes()).find((n) => n.nodeId === a.nodeId)?.connections === 1;
        await until("a's heartbeat saw b", aBeat);
        // b "crashes": its timers stop without leaving, so its entries must expire by themselves.
        (b as unknown as { beatTimer: NodeJS.Timeout }).beatTimer.close();
        await until("b's user fades out", async () => (await sorted(a.presence.online('t', ['u1', 'u2']))).join() === 'u2');
        await until('a is told to resync', () => reasons.includes('node-lost'));
        assert.deepEqual((await a.presence.nodes()).map((n) => n.nodeId), [a.nodeId]);
      } finally {
        await cluster.close();
      }
    });

    it('counts connections per user: offline only once the last one closes', async () => {
      const cluster = backend.cluster();
      try {
        const a = await cluster.node();
        const b = await cluster.node();
        a.presence.connected('t', 'u1');
        a.presence.connected('t', 'u1');
        b.presence.connected('t', 'u1');
        a.presence.connected('t2', 'u1');
        await until('u1 online', async () => (await b.presence.online('t', ['u1'])).has('u1'));
        a.presence.disconnected('t', 'u1');
        b.presence.disconnected('t', 'u1');
        // One of a's two connections is still open.
        const stillThere = (): Promise<boolean> => a.presence.online('t', ['u1']).then((s) => s.has('u1'));
        await b.presence.nodes();
        assert.equal(await stillThere(), true);
        a.presence.disconnected('t', 'u1');
        await until('u1 offline in t', async () => !(await stillThere()));
        assert.deepEqual(await sorted(b.presence.online('t2', ['u1'])), ['u1'], 'presence is per tenant');
      } finally {
        await cluster.close();
      }
    });

    it("takes a closing node's users and heartbeat away at once", async () => {
      const cluster = backend.cluster();
      try {
        const a = await cluster.node();
        const b: Bus = await cluster.node();
        b.presence.connected('t', 'u1');
        await until('u1 online', async () => (await a.presence.online('t', ['u1'])).has('u1'));
        await until('two nodes', async () => (await a.presence.nodes()).length === 2);
        await b.close();
        assert.deepEqual([...(await a.presence.online('t', ['u1']))], []);
        assert.deepEqual((await a.presence.nodes()).map((n) => n.nodeId), [a.nodeId]);
      } finally {
        await cluster.close();
      }
    });
  });
}
