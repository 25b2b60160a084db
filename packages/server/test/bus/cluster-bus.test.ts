// The cluster wire format and the gateway's delivered-seq tracking; what every bus does for its
// subscribers is the conformance suite's (conformance.test.ts).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decode, encode, type BusMessage } from '../../src/bus/index.js';
import { DeliveredSeqs } from '../../src/transports/ws/delivered-seqs.js';

const chatEvent = (seq: number): BusMessage => ({
  kind: 'chat',
  tenantId: 't1',
  chatId: 'c1',
  event: 'message',
  frame: `{"t":"event","event":"message","data":{"text":"line\\nbreak \\"quoted\\"","seq":${seq}}}`,
  seq,
  origin: 'conn-1',
});

describe('cluster messages', () => {
  it('carry the serialised frame byte for byte, with their header', () => {
    const message = { ...chatEvent(7), nodeId: 'n1' };
    assert.deepEqual(decode(encode(message)), message);
    const user = { kind: 'user' as const, tenantId: 't', userId: 'u', action: 'revoke' as const, nodeId: 'n2' };
    assert.deepEqual(decode(encode(user)), user);
    assert.deepEqual(decode(encode({ kind: 'resync', nodeId: 'n3' })), { kind: 'resync', nodeId: 'n3' });
    const tenant = {
      kind: 'tenant' as const,
      tenantId: 'acme',
      nodeId: 'n4',
      tenant: {
        id: 'acme',
        domain: 'acme',
        name: 'Acme',
        contactCenterId: '6f1c3c1e-0f7a-4d43-9d1f-0b8e1f2a3b4c',
        plan: { name: 'basic', features: ['livechat'], limits: { maxFileBytes: 1, maxMessagesPerMinute: 2 } },
        allowedOrigins: [],
        createdAt: 1,
      },
    };
    assert.deepEqual(decode(encode(tenant)), tenant);
  });

  it('ignore anything malformed or of another version', () => {
    for (const bad of ['', 'nope', '{"v":2,"nodeId":"n","kind":"resync"}', '{"v":1,"kind":"resync"}', '{"v":1,"nodeId":"n","kind":"chat"}', '[1]', '{"v":1,"nodeId":"n","kind":"tenant","tenantId":"a"}', '{"v":1,"nodeId":"n","kind":"tenant","tenantId":"a","tenant":{"id":"b","plan":{}}}']) {
      assert.equal(decode(bad), undefined, bad);
    }
  });
});

describe('delivered seqs', () => {
  it('tracks a contiguous mark and the seqs delivered past a gap', () => {
    const d = new DeliveredSeqs();
    d.start('c', 3);
    d.note('c', 5);
    d.note('c', 6);
    let mark = d.mark('c')!;
    assert.equal(mark.upTo, 3);
    assert.equal(mark.delivered(4), false);
    assert.equal(mark.delivered(5), true);
    d.note('c', 4);
    mark = d.mark('c')!;
    assert.equal(mark.upTo, 6);
    d.cover('c', 10);
    assert.equal(d.mark('c')!.upTo, 10);
  });

  it('delivered seqs: a gap followed by thousands of messages stays known exactly (one run), and is filled by a replay', () => {
    const d = new DeliveredSeqs();
    d.start('c', 10);
    for (let seq = 14; seq <= 5_000; seq++) d.note('c', seq);
    let mark = d.mark('c')!;
    assert.equal(mark.upTo, 10, 'the gap 11–13 is not given up');
    assert.equal(mark.lost, false);
    assert.deepEqual([11, 12, 13, 14, 5_000, 5_001].map((s) => mark.delivered(s)), [false, false, false, true, true, false]);
    for (const seq of [12, 11, 13]) d.note('c', seq);
    mark = d.mark('c')!;
    assert.equal(mark.upTo, 5_000);
  });

  it('delivered seqs: runs merge in any order; too many gaps mark the chat lost instead of forgetting them', () => {
    const d = new DeliveredSeqs();
    d.start('c', 0);
    for (const seq of [9, 7, 8, 3, 5, 4]) d.note('c', seq);
    let mark = d.mark('c')!;
    assert.deepEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((s) => mark.delivered(s)), [false, false, true, true, true, false, true, true, true, false]);
    for (let seq = 20; seq < 20 + 2 * 70; seq += 2) d.note('c', seq);
    mark = d.mark('c')!;
    assert.equal(mark.lost, true, 'past the bound the chat must be resumed, not silently skipped');
    d.cover('c', 1_000);
    mark = d.mark('c')!;
    assert.equal(mark.lost, false, 'a resume that covers everything makes it exact again');
    assert.equal(mark.upTo, 1_000);
  });
});
