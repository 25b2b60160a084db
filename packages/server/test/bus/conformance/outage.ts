import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { BusMessage, ResyncReason } from '../../../src/bus/index.js';
import type { TestBusBackend } from './context.js';
import { chatEvent, seqsOf, until } from './support.js';

/** What a node sees when its link to the others goes and comes back. */
export function outageConformance(backend: TestBusBackend): void {
  const outage = backend.outage;
  describe('outage', { skip: outage === undefined ? `the ${backend.name} bus has no link to lose` : false }, () => {
    it('serves local subscribers while cut off, then resyncs and fans out again once back', async () => {
      if (outage === undefined) return;
      const cluster = backend.cluster();
      try {
        const a = await cluster.node({ presenceTtlMs: 3_000 });
        const b = await cluster.node({ presenceTtlMs: 3_000 });
        const heardA: BusMessage[] = [];
        const heardB: BusMessage[] = [];
        const reasonsA: ResyncReason[] = [];
        const reasonsB: ResyncReason[] = [];
        a.subscribe((m) => heardA.push(m));
        b.subscribe((m) => heardB.push(m));
        a.onResync((r) => reasonsA.push(r));
        b.onResync((r) => reasonsB.push(r));
        a.presence.connected('t', 'u1');
        await until('u1 online', async () => (await b.presence.online('t', ['u1'])).has('u1'));
        assert.equal(a.connected, true);

        await outage.cut();
        await until('both nodes see the link down', () => !a.connected && !b.connected);
        a.publish(chatEvent(1));
        assert.deepEqual(seqsOf(heardA), [1], 'local subscribers are served while cut off');

        await outage.restore();
        await until('both nodes are told to resync', () => reasonsA.includes('reconnected') && reasonsB.includes('reconnected'));
        assert.equal(a.connected, true);
        assert.equal(b.connected, true);
        // What was in the bus's store is gone with it; the heartbeat writes a's users again.
        await until('u1 online again', async () => (await b.presence.online('t', ['u1'])).has('u1'));
        a.publish(chatEvent(2));
        await until('b hears a again', () => seqsOf(heardB).includes(2));
        assert.deepEqual(seqsOf(heardB), [2], 'nothing published during the outage is delivered late');
      } finally {
        await cluster.close();
      }
    });
  });
}
