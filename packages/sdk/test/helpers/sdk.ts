import type { Message } from '@parley/protocol';
import { ParleyClient, type ClientEventMap, type ParleyClientOptions, type StateChange } from '../../src/index.js';

/** A client with fast reconnects for tests, and everything it emits recorded. */
export interface Recorded {
  client: ParleyClient;
  states: StateChange[];
  /** Every `message` event, in emission order. */
  messages: Message[];
  unrecoverable: string[];
  errors: ClientEventMap['error'][];
  events: { name: string; data: unknown }[];
  /** Messages of one chat, in emission order. */
  of(chatId: string): Message[];
}

export function recordedClient(url: string, token: ParleyClientOptions['token'], extra: Partial<ParleyClientOptions> = {}): Recorded {
  const client = new ParleyClient({ url, token, backoff: { minMs: 20, maxMs: 250 }, requestTimeoutMs: 5_000, ...extra });
  const rec: Recorded = {
    client,
    states: [],
    messages: [],
    unrecoverable: [],
    errors: [],
    events: [],
    of: (chatId) => rec.messages.filter((m) => m.chatId === chatId),
  };
  client.on('state', (s) => rec.states.push(s));
  client.on('message', (m) => rec.messages.push(m));
  client.on('unrecoverable', ({ chatId }) => rec.unrecoverable.push(chatId));
  client.on('error', (e) => rec.errors.push(e));
  for (const name of ['typing', 'receipt', 'member.joined', 'member.left', 'chat.updated', 'message.updated'] as const) {
    client.on(name, (data) => rec.events.push({ name, data }));
  }
  return rec;
}

/** Polls `predicate` until it holds; fails with `what` after `timeoutMs`. */
export async function waitUntil(predicate: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export const text = (chatId: string, body: string, id?: string) =>
  ({ chatId, messageType: 'TEXT', content: { text: body }, ...(id === undefined ? {} : { id }) }) as const;

export const seqsOf = (messages: readonly Message[]): number[] => messages.map((m) => m.seq);
export const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** `promise`, or a failure naming `what` after `ms` (the timer is cleared either way). */
export async function withDeadline<T>(promise: Promise<T>, ms: number, what: () => string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out: ${what()}`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
