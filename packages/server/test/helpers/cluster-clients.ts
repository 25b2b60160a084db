import type { Message } from '@parley/protocol';
import { ParleyClient, type ParleyClientOptions } from '@parley/sdk';

/** An SDK client of a cluster test, with every `message` it emitted, per chat, in emission order. */
export interface Member {
  userId: string;
  client: ParleyClient;
  received: Map<string, Message[]>;
  /** Times it went from connected to connecting. */
  drops: number;
}

export function member(url: string, user: { id: string; token: string }, extra: Partial<ParleyClientOptions> = {}): Member {
  const client = new ParleyClient({
    url,
    token: user.token,
    backoff: { minMs: 20, maxMs: 300 },
    requestTimeoutMs: 5_000,
    maxRetries: 100,
    ...extra,
  });
  const m: Member = { userId: user.id, client, received: new Map(), drops: 0 };
  client.on('message', (message) => {
    let list = m.received.get(message.chatId);
    if (!list) m.received.set(message.chatId, (list = []));
    list.push(message);
  });
  client.on('state', (s) => {
    if (s.previous === 'connected' && s.state === 'connecting') m.drops++;
  });
  return m;
}

/** Seqs of what `m` received in `chatId`, in the order it got them. */
export function seqsIn(m: Member, chatId: string): number[] {
  return (m.received.get(chatId) ?? []).map((x) => x.seq);
}

/** Polls until `predicate` holds; fails naming `what` (and `detail()`) after `timeoutMs`. */
export async function waitFor(predicate: () => boolean, what: string, timeoutMs: number, detail: () => string = () => ''): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}\n${detail()}`);
    await sleep(20);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export const range = (from: number, to: number): number[] => Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);

export const text = (chatId: string, body: string, id?: string) =>
  ({ chatId, messageType: 'TEXT', content: { text: body }, ...(id === undefined ? {} : { id }) }) as const;

/** `promise`, or a failure naming `what` after `ms`; the timer never outlives it. */
export async function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
