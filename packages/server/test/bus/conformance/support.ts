import type { BusMessage } from '../../../src/bus/index.js';

type ChatMessage = Extract<BusMessage, { kind: 'chat' }>;

/** A chat event as the gateway publishes it: the frame serialised, with its seq. */
export function chatEvent(seq: number, chatId = 'c1'): ChatMessage {
  return {
    kind: 'chat',
    tenantId: 't1',
    chatId,
    event: 'message',
    frame: `{"t":"event","event":"message","data":{"text":"line\\nbreak \\"quoted\\"","seq":${seq}}}`,
    seq,
    origin: 'conn-1',
  };
}

/** The seqs of the chat events among `messages`, optionally of one chat. */
export function seqsOf(messages: readonly BusMessage[], chatId?: string): number[] {
  return messages.flatMap((m) => (m.kind === 'chat' && (chatId === undefined || m.chatId === chatId) ? [m.seq ?? -1] : []));
}

/**
 * Waits until `check` holds, polling: remote delivery on a networked bus is asynchronous. The bound
 * only keeps a broken bus from hanging the run; no assertion depends on how fast anything happened.
 */
export async function until(what: string, check: () => boolean | Promise<boolean>, boundMs = 20_000): Promise<void> {
  const giveUpAt = Date.now() + boundMs;
  while (!(await check())) {
    if (Date.now() > giveUpAt) throw new Error(`never happened: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
