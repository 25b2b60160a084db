import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Message } from '@parley/protocol';
import { CursorBook } from '../src/cursors.js';

const msg = (seq: number, chatId = 'c1') => ({ chatId, seq, id: `${chatId}-${seq}` }) as Message;
const seqs = (messages: readonly Message[]) => messages.map((m) => m.seq);

test('cursors: delivers in order and drops duplicates', () => {
  const book = new CursorBook({ c1: 2 });
  assert.deepEqual(seqs(book.offer(msg(3)).deliver), [3]);
  assert.deepEqual(book.offer(msg(3)), { deliver: [], gap: false });
  assert.deepEqual(book.offer(msg(1)), { deliver: [], gap: false });
  assert.deepEqual(seqs(book.offer(msg(4)).deliver), [4]);
  assert.deepEqual(book.snapshot(), { c1: 4 });
});

test('cursors: a chat first seen live starts at that message', () => {
  const book = new CursorBook();
  assert.deepEqual(seqs(book.offer(msg(40, 'c9')).deliver), [40]);
  assert.equal(book.get('c9'), 40);
  assert.deepEqual(seqs(book.offer(msg(41, 'c9')).deliver), [41]);
});

test('cursors: a gap holds later messages until it is filled, then releases them in order', () => {
  const book = new CursorBook({ c1: 5 });
  assert.deepEqual(book.offer(msg(8)), { deliver: [], gap: true });
  assert.deepEqual(book.offer(msg(7)), { deliver: [], gap: true });
  assert.deepEqual(book.offer(msg(8)), { deliver: [], gap: false }, 'a held duplicate is dropped');
  assert.equal(book.hasGap('c1'), true);
  assert.equal(book.get('c1'), 5);
  const filled = book.offer(msg(6));
  assert.deepEqual(seqs(filled.deliver), [6, 7, 8]);
  assert.equal(filled.gap, false);
  assert.equal(book.get('c1'), 8);
});

test('cursors: history fills a gap; held and history copies are delivered once', () => {
  const book = new CursorBook({ c1: 1 });
  book.offer(msg(5));
  assert.equal(book.hasGap('c1'), true);
  book.beginFill('c1');
  assert.deepEqual(book.offer(msg(2)), { deliver: [], gap: false }, 'held while filling');
  const delivered = book.fill('c1', [msg(2), msg(3), msg(4), msg(5)]);
  assert.deepEqual(seqs(delivered), [2, 3, 4, 5]);
  assert.deepEqual(book.endFill('c1'), { deliver: [], gap: false });
  assert.equal(book.get('c1'), 5);
  assert.deepEqual(book.offer(msg(4)).deliver, []);
});

test('cursors: a fill from the start holds live messages until history catches up', () => {
  const book = new CursorBook();
  book.beginFill('new', 0);
  book.offer(msg(4, 'new'));
  book.offer(msg(5, 'new'));
  assert.deepEqual(seqs(book.fill('new', [msg(1, 'new'), msg(2, 'new')])), [1, 2]);
  assert.deepEqual(seqs(book.fill('new', [msg(3, 'new'), msg(4, 'new')])), [3, 4, 5]);
  assert.deepEqual(book.endFill('new'), { deliver: [], gap: false });
});

test('cursors: an unrecoverable chat jumps to the newest page and to lastSeq', () => {
  const book = new CursorBook({ c1: 3 });
  book.beginFill('c1');
  book.offer(msg(1_201));
  const delivered = book.jump('c1', [msg(1_198), msg(1_199), msg(1_200)], 1_200);
  assert.deepEqual(seqs(delivered), [1_198, 1_199, 1_200, 1_201]);
  assert.equal(book.get('c1'), 1_201);
  // An empty chat page still moves the cursor to lastSeq.
  book.beginFill('c2', 0);
  assert.deepEqual(book.jump('c2', [], 9), []);
  assert.equal(book.get('c2'), 9);
});

test('cursors: a restarted fill (new epoch) forgets the old cursor', () => {
  const book = new CursorBook({ c1: 500 });
  book.beginFill('c1', 0);
  assert.deepEqual(seqs(book.jump('c1', [msg(1), msg(2)], 2)), [1, 2]);
  assert.equal(book.endFill('c1').gap, false);
});

test('cursors: start raises a cursor and never lowers it; skipGap gives up on missing seqs', () => {
  const book = new CursorBook({ c1: 10 });
  book.start('c1', 4);
  assert.equal(book.get('c1'), 10);
  book.offer(msg(13));
  assert.deepEqual(seqs(book.start('c1', 12)), [13]);
  book.offer(msg(20));
  assert.deepEqual(seqs(book.skipGap('c1')), [20]);
  assert.equal(book.hasGap('c1'), false);
  book.delete('c1');
  assert.equal(book.get('c1'), undefined);
});

test('cursors: persisted cursors that are not seqs are ignored', () => {
  const book = new CursorBook({ ok: 3, bad: -1, nan: Number.NaN, frac: 1.5 });
  assert.deepEqual(book.snapshot(), { ok: 3 });
});

test('cursors: cover moves past seqs hidden from the user, delivering what was held below the mark in order', () => {
  const book = new CursorBook({ c1: 3 });
  // 4 and 6 were hidden from this user (cleared, deleted for them): the replay brought 5 and 7 only.
  assert.deepEqual(book.offer(msg(7)), { deliver: [], gap: true });
  assert.deepEqual(book.offer(msg(5)), { deliver: [], gap: true });
  assert.deepEqual(seqs(book.cover('c1', 8)), [5, 7]);
  assert.equal(book.get('c1'), 8);
  assert.equal(book.hasGap('c1'), false);
  assert.deepEqual(seqs(book.offer(msg(9)).deliver), [9]);
  assert.deepEqual(book.cover('c1', 2), [], 'never lowers a cursor');
  assert.equal(book.get('c1'), 9);
  book.offer(msg(12));
  assert.deepEqual(book.cover('c1', 10), [], 'a message above the mark stays held');
  assert.equal(book.hasGap('c1'), true);
});
