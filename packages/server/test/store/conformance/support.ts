import assert from 'node:assert/strict';
import { ParleyError } from '@parley/protocol';
import type { ErrorCode } from '@parley/protocol';
import type { MessageRow, NewMessage, Store } from '../../../src/store/index.js';

/** Small assertions shared by the conformance parts. */

/** Appends and asserts every item was created; returns the rows. */
export async function appendOk(store: Store, batch: NewMessage[]): Promise<MessageRow[]> {
  const results = await store.appendMessages(batch);
  return results.map((result) => {
    assert.equal(result.status, 'created');
    if (result.status !== 'created') throw new Error('unreachable');
    return result.row;
  });
}

export function code(expected: ErrorCode): (err: unknown) => boolean {
  return (err) => {
    assert.ok(err instanceof ParleyError, `expected a ParleyError, got ${String(err)}`);
    assert.equal(err.code, expected);
    return true;
  };
}

export function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}

export function sortBy<T>(items: T[], key: (item: T) => string): T[] {
  return [...items].sort((a, b) => key(a).localeCompare(key(b)));
}

export function sortById<T extends { id: string }>(items: T[]): T[] {
  return sortBy(items, (item) => item.id);
}
