import assert from 'node:assert/strict';
import { startTestServer, type TestServer, type TestUser } from '../../../server/test/helpers/server.js';
import { MessengerError, MessengerSDK, type CallbackListeners, type MessengerResponse } from '../../src/index.js';

/** A real server and messenger SDKs for its users, closed together. */
export interface MessengerWorld {
  server: TestServer;
  sdk(user: TestUser, listeners?: CallbackListeners): Promise<MessengerSDK>;
  close(): Promise<void>;
}

export async function messengerWorld(): Promise<MessengerWorld> {
  const server = await startTestServer();
  const open: MessengerSDK[] = [];
  return {
    server,
    async sdk(user, listeners) {
      const sdk = new MessengerSDK({ url: server.url, token: user.token, ...(listeners ? { callbackListeners: listeners } : {}) });
      open.push(sdk);
      const connected = await sdk.connect();
      assert.equal(connected.statusCode, 200);
      return sdk;
    },
    async close() {
      for (const sdk of open) sdk.disconnect();
      await server.close();
    },
  };
}

/** Asserts a rejection with the seed envelope and the given code and status. */
export async function rejects(promise: Promise<unknown> | (() => unknown), code: string, statusCode: number): Promise<MessengerError> {
  let caught: unknown;
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (err) {
    caught = err;
  }
  assert.ok(caught instanceof MessengerError, `expected a MessengerError, got ${String(caught)}`);
  assert.equal(caught.code, code, caught.message);
  assert.equal(caught.statusCode, statusCode);
  assert.equal(caught.data, null);
  assert.equal(typeof caught.message, 'string');
  return caught;
}

export function ok<T>(res: MessengerResponse<T>): T {
  assert.equal(res.statusCode, 200);
  assert.equal(typeof res.message, 'string');
  return res.data;
}

/** A fetch that counts calls, to prove validation happens before any network call. */
export function countRequests(): { count: () => number; restore: () => void } {
  const original = globalThis.fetch;
  let n = 0;
  globalThis.fetch = (...args: Parameters<typeof fetch>) => {
    n++;
    return original(...args);
  };
  return { count: () => n, restore: () => (globalThis.fetch = original) };
}
