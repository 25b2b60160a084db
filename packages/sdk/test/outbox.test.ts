import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Message } from '@parley/protocol';
import { Outbox, type OutgoingMessage } from '../src/outbox.js';
import { ParleyClientError } from '../src/errors.js';

const input = (id: string): OutgoingMessage => ({ id, chatId: 'c1', messageType: 'TEXT', content: { text: id } });
const acked = (id: string, seq: number) => ({ id, seq, chatId: 'c1' }) as Message;

function waiter() {
  const calls: { resolved?: Message; rejected?: Error }[] = [];
  return {
    calls,
    w: { resolve: (m: Message) => calls.push({ resolved: m }), reject: (e: Error) => calls.push({ rejected: e }) },
  };
}

test('outbox: refuses a send past its bound with E_OUTBOX_FULL', () => {
  const outbox = new Outbox(3);
  for (const id of ['a', 'b', 'c']) outbox.add(input(id), waiter().w);
  assert.throws(() => outbox.add(input('d'), waiter().w), (err: unknown) => err instanceof ParleyClientError && err.code === 'E_OUTBOX_FULL');
  assert.equal(outbox.size, 3);
  outbox.settle('a', acked('a', 1));
  outbox.add(input('d'), waiter().w);
  assert.equal(outbox.size, 3);
});

test('outbox: a second send with the same id joins the first; both settle once', () => {
  const outbox = new Outbox(1);
  const one = waiter();
  const two = waiter();
  const first = outbox.add(input('x'), one.w);
  const second = outbox.add(input('x'), two.w);
  assert.equal(first, second);
  assert.equal(outbox.size, 1);
  outbox.settle('x', acked('x', 7));
  outbox.settle('x', acked('x', 7));
  outbox.fail('x', new Error('late'));
  assert.deepEqual(one.calls, [{ resolved: acked('x', 7) }]);
  assert.deepEqual(two.calls, [{ resolved: acked('x', 7) }]);
  assert.equal(outbox.size, 0);
});

test('outbox: keeps order, requeues in-flight sends, fails all on stop', () => {
  const outbox = new Outbox();
  const ws = ['a', 'b', 'c'].map((id) => {
    const w = waiter();
    outbox.add(input(id), w.w);
    return w;
  });
  assert.deepEqual(outbox.queued().map((e) => e.id), ['a', 'b', 'c']);
  for (const e of outbox.queued()) e.status = 'inflight';
  outbox.get('b')!.status = 'waiting';
  assert.deepEqual(outbox.queued(), []);
  outbox.requeueInflight();
  assert.deepEqual(outbox.queued().map((e) => e.id), ['a', 'c']);
  outbox.failAll(new ParleyClientError('E_STOPPED', 'stop'));
  assert.equal(outbox.size, 0);
  for (const w of ws) assert.equal((w.calls[0]?.rejected as ParleyClientError).code, 'E_STOPPED');
});
