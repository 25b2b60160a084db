import type { TestUser } from '../../helpers/server.js';
import { RawClient } from '../../helpers/ws-client.js';
import type { History, Seen } from './history.js';

/** A member that only listens: every `message` event it gets goes into the history log. */
export async function listen(wsUrl: string, user: TestUser, name: string, history: History): Promise<RawClient> {
  const client = await RawClient.connect(wsUrl, user.token);
  client.socket.on('message', (data) => {
    const frame = JSON.parse((data as Buffer).toString()) as { t: string; event?: string; data?: Seen };
    if (frame.t === 'event' && frame.event === 'message' && frame.data) history.receive(name, { chatId: frame.data.chatId, id: frame.data.id, seq: frame.data.seq });
  });
  await client.request('resume', { cursors: {} });
  return client;
}

/** Waits until `done` holds or the time is up (then the checker reports what is missing). */
export async function settle(done: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
}
