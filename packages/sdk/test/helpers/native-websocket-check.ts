/*
 * Exercises the SDK through the platform's WHATWG WebSocket (what browsers have): token in the
 * subprotocol, `onmessage` events, close codes. Run directly (`node --experimental-websocket` on
 * Node 20) or imported by a test when the global exists. Exits non-zero on failure.
 */
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { ParleyError } from '@parley/protocol';
import { startTestServer } from '../../../server/test/helpers/server.js';
import { ParleyClient } from '../../src/index.js';
import { text, waitUntil } from './sdk.js';

export async function nativeWebSocketCheck(): Promise<void> {
  assert.equal(typeof globalThis.WebSocket, 'function', 'a global WebSocket is needed');
  const server = await startTestServer();
  try {
    const [a, b] = await Promise.all([server.createUser('member', 'A'), server.createUser('member', 'B')]);
    const chat = await server.createChat('direct', [a.id, b.id]);
    // No WebSocket option: the SDK picks globalThis.WebSocket, as in a browser.
    const ca = new ParleyClient({ url: server.url, token: a.token });
    const cb = new ParleyClient({ url: server.url, token: b.token });
    const got: string[] = [];
    cb.on('message', (m) => got.push(String(m.content.text)));
    await Promise.all([ca.connect(), cb.connect()]);
    const m = await ca.send(text(chat.id, 'through the native WebSocket'));
    assert.equal(m.seq, 1);
    await waitUntil(() => got.length === 1, 'delivery');
    assert.deepEqual(got, ['through the native WebSocket']);
    await assert.rejects(ca.send(text(chat.id, '')), (e: unknown) => e instanceof ParleyError && e.code === 'E_VALIDATION');
    assert.equal(ca.state, 'connected');
    ca.disconnect();
    cb.disconnect();
  } finally {
    await server.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  nativeWebSocketCheck().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
