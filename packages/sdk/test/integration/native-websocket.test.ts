import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// Browsers give the SDK a WHATWG WebSocket, not `ws`. Node 22 has one globally; Node 20 behind a flag,
// so there the check runs in a child process with `--experimental-websocket`.
test('the SDK works over the platform WebSocket (the browser path)', async () => {
  if (typeof globalThis.WebSocket === 'function') {
    const { nativeWebSocketCheck } = await import('../helpers/native-websocket-check.js');
    await nativeWebSocketCheck();
    return;
  }
  const script = fileURLToPath(new URL('../helpers/native-websocket-check.ts', import.meta.url));
  const child = spawnSync(process.execPath, ['--experimental-websocket', '--conditions=source', '--import', 'tsx', script], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(child.status, 0, `${child.stdout}\n${child.stderr}`);
});
