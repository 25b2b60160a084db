import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ReceiptLedger, TypingTracker } from '../../src/facades/livechat/index.js';
import { sleep } from '../helpers/sdk.js';

describe('ReceiptLedger', () => {
  it('reports each newly covered message once, never a member’s own', () => {
    const ledger = new ReceiptLedger();
    ledger.record(1, 'v1', 'visitor');
    ledger.record(3, 'a3', 'agent');
    ledger.record(4, 'a4', 'agent');
    ledger.start('visitor', 'seen', 1);
    assert.deepEqual(ledger.advance('visitor', 'delivered', 3), ['a3']);
    assert.deepEqual(ledger.advance('visitor', 'delivered', 3), []);
    assert.deepEqual(ledger.advance('visitor', 'delivered', 2), []);
    assert.deepEqual(ledger.advance('visitor', 'delivered', 9), ['a4']);
    assert.deepEqual(ledger.advance('visitor', 'seen', 4), ['a3', 'a4']);
    assert.deepEqual(ledger.advance('agent', 'seen', 4), ['v1']);
  });
});

describe('TypingTracker', () => {
  it('true once per start, false on gone and on expiry', async () => {
    const seen: [string, boolean][] = [];
    const tracker = new TypingTracker((userId, writing) => seen.push([userId, writing]));
    const t = { chatId: 'c', userId: 'u', nickname: 'U' };
    tracker.offer({ ...t, state: 'composing', expiresAt: Date.now() + 1000 });
    tracker.offer({ ...t, state: 'composing', expiresAt: Date.now() + 1000 });
    tracker.offer({ ...t, state: 'gone', expiresAt: Date.now() });
    tracker.offer({ ...t, state: 'gone', expiresAt: Date.now() });
    tracker.offer({ ...t, state: 'composing', expiresAt: Date.now() + 30 });
    await sleep(80);
    assert.deepEqual(seen, [
      ['u', true],
      ['u', false],
      ['u', true],
      ['u', false],
    ]);
    tracker.clear();
  });
});
