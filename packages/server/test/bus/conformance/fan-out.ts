import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { BusMessage } from '../../../src/bus/index.js';
import type { TestBusBackend } from './context.js';
import { chatEvent, range, seqsOf, until } from './support.js';

/** Publish and subscribe: local delivery at once, every other node once, every kind intact, order per chat. */
export function fanOutConformance(backend: TestBusBackend): void {
  describe('fan-out', () => {
    it('delivers locally at once and to the other nodes once, never echoing a node its own message', async () => {
      const cluster = backend.cluster();
      try {
        const a = await cluster.node();
        const b = await cluster.node();
        const heardA: BusMessage[] = [];
        const heardB: BusMessage[] = [];
        a.subscribe((m) => heardA.push(m));
        b.subscribe((m) => heardB.push(m));
        a.publish(chatEvent(1));
        assert.deepEqual(seqsOf(heardA), [1], "the publisher's own subscribers hear it before publish returns");
        await until('b hears a', () => heardB.length === 1);
        b.publish(chatEvent(2));
        assert.deepEqual(seqsOf(heardB), [1, 2]);
        await until('a hears b', () => heardA.length === 2);
        // A last event from each side: once it is in, any echo or duplicate of the first two would be too.
        a.publish(chatEvent(3));
        b.publish(chatEvent(4));
        await until('both hear both closing events', () => heardA.length >= 4 && heardB.length >= 4);
        assert.deepEqual(seqsOf(heardA).slice(0, 2), [1, 2]);
        assert.deepEqual(seqsOf(heardA).sort(), [1, 2, 3, 4]);
        assert.deepEqual(seqsOf(heardB).sort(), [1, 2, 3, 4]);
        assert.deepEqual(heardB[0], chatEvent(1), 'the frame and header arrive byte for byte');
      } finally {
        await cluster.close();
      }
    });

    it('reaches every subscriber of every node, each once', async () => {
      const cluster = backend.cluster();
      try {
        const nodes = [await cluster.node(), await cluster.node(), await cluster.node()];
        const heard = nodes.flatMap((node) => [0, 1].map(() => {
          const messages: BusMessage[] = [];
          node.subscribe((m) => messages.push(m));
          return messages;
        }));
        nodes[1]!.publish(chatEvent(1));
        nodes[1]!.publish(chatEvent(2));
        await until('every subscriber hears both', () => heard.every((messages) => messages.length >= 2));
        for (const node of nodes) node.publish(chatEvent(100, 'closing'));
        await until('every subscriber hears every closing event', () => heard.every((messages) => seqsOf(messages, 'closing').length === 3));
        for (const messages of heard) assert.deepEqual(seqsOf(messages, 'c1'), [1, 2]);
      } finally {
        await cluster.close();
      }
    });

    it('carries user and tenant messages intact', async () => {
      const cluster = backend.cluster();
      try {
        const a = await cluster.node();
        const b = await cluster.node();
        const heard: BusMessage[] = [];
        b.subscribe((m) => heard.push(m));
        const revoke: BusMessage = { kind: 'user', tenantId: 't1', userId: 'u1', action: 'revoke' };
        const tenant: BusMessage = {
          kind: 'tenant',
          tenantId: 'acme',
          tenant: {
            id: 'acme',
            domain: 'acme',
            name: 'Acme',
            contactCenterId: '6f1c3c1e-0f7a-4d43-9d1f-0b8e1f2a3b4c',
            plan: { name: 'basic', features: ['livechat'], limits: { maxFileBytes: 1, maxMessagesPerMinute: 2 } },
            allowedOrigins: ['https://acme.example'],
            createdAt: 1,
          },
        };
        const joined: BusMessage = { ...chatEvent(5), member: { userId: 'u2', joined: true }, at: 1_700_000_000_000 };
        a.publish(revoke);
        a.publish(tenant);
        a.publish(joined);
        await until('b hears all three', () => heard.length === 3);
        assert.deepEqual(heard, [revoke, tenant, joined]);
      } finally {
        await cluster.close();
      }
    });

    it("keeps each chat's events in publish order, whoever publishes the other chats", async () => {
      const cluster = backend.cluster();
      try {
        const a = await cluster.node();
        const b = await cluster.node();
        const c = await cluster.node();
        const heard: BusMessage[] = [];
        c.subscribe((m) => heard.push(m));
        // Two chats from one node, interleaved, while another node publishes a third chat.
        for (const seq of range(1, 200)) {
          a.publish(chatEvent(seq, 'c1'));
          a.publish(chatEvent(seq, 'c2'));
          b.publish(chatEvent(seq, 'c3'));
        }
        await until('c hears all 600', () => heard.length === 600);
        for (const chat of ['c1', 'c2', 'c3']) assert.deepEqual(seqsOf(heard, chat), range(1, 200), chat);
      } finally {
        await cluster.close();
      }
    });

    it('stops delivering to a handler once it unsubscribes, and a failing handler harms no other', async () => {
      const cluster = backend.cluster();
      try {
        const a = await cluster.node();
        const b = await cluster.node();
        const kept: BusMessage[] = [];
        const dropped: BusMessage[] = [];
        b.subscribe(() => {
          throw new Error('a broken subscriber');
        });
        b.subscribe((m) => kept.push(m));
        const unsubscribe = b.subscribe((m) => dropped.push(m));
        a.publish(chatEvent(1));
        await until('b hears the first', () => kept.length === 1);
        unsubscribe();
        a.publish(chatEvent(2));
        await until('b hears the second', () => kept.length === 2);
        assert.deepEqual(seqsOf(kept), [1, 2]);
        assert.deepEqual(seqsOf(dropped), [1]);
      } finally {
        await cluster.close();
      }
    });
  });
}
