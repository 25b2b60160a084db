import { randomUUID } from 'node:crypto';
import type { TestUser } from '../../helpers/server.js';
import { RawClient } from '../../helpers/ws-client.js';
import type { History, Seen } from './history.js';

/** What one churning client measured. */
export interface ChurnStats {
  resumes: number;
  resumeMs: number[];
  unrecoverable: number;
  /** Messages the wire gave twice (dropped by the client's (chat, seq) dedupe). */
  wireDuplicates: number;
  /** Messages fetched with `history` to fill a gap or after `unrecoverable`. */
  refetched: number;
  kills: number;
}

/**
 * A client as a careful app would write it on the raw protocol: keeps its cursor per chat and the
 * hello's epoch, resumes on every connect, refetches an `unrecoverable` chat and fills gaps with
 * `history`, dedupes by (chat, seq), and retries unacknowledged sends with their ids.
 */
export class ChurnClient {
  readonly stats: ChurnStats = { resumes: 0, resumeMs: [], unrecoverable: 0, wireDuplicates: 0, refetched: 0, kills: 0 };
  /** chat → seq → message id: the client's view. */
  readonly view = new Map<string, Map<number, string>>();
  private epoch: string | undefined;
  private socket: RawClient | undefined;
  private readonly pending = new Map<string, { chatId: string; text: string }>();

  constructor(
    private readonly wsUrl: string,
    private readonly httpUrl: string,
    private readonly user: TestUser,
    readonly name: string,
    private readonly chats: string[],
    private readonly history: History,
  ) {
    for (const c of chats) this.view.set(c, new Map());
  }

  private hold(chatId: string, m: Seen, fromWire: boolean): void {
    const seqs = this.view.get(chatId) ?? new Map<number, string>();
    this.view.set(chatId, seqs);
    if (seqs.has(m.seq)) {
      if (fromWire) this.stats.wireDuplicates++;
      return;
    }
    seqs.set(m.seq, m.id);
  }

  private cursor(chatId: string): number {
    const seqs = this.view.get(chatId);
    if (!seqs || seqs.size === 0) return 0;
    // The highest seq held with nothing missing below it: a gap is filled, never skipped.
    let n = 0;
    while (seqs.has(n + 1)) n++;
    return n;
  }

  async connect(): Promise<void> {
    const socket = await RawClient.connect(this.wsUrl, this.user.token);
    this.socket = socket;
    socket.socket.on('message', (data) => {
      const frame = JSON.parse((data as Buffer).toString()) as { t: string; event?: string; data?: Seen };
      if (frame.t === 'event' && frame.event === 'message' && frame.data) this.hold(frame.data.chatId, frame.data, true);
    });
    const cursors = Object.fromEntries(this.chats.map((c) => [c, this.cursor(c)]));
    const started = performance.now();
    const ack = await socket.request('resume', { cursors, ...(this.epoch ? { epoch: this.epoch } : {}) }).catch(() => null);
    if (!ack?.ok) return;
    this.stats.resumeMs.push(performance.now() - started);
    this.stats.resumes++;
    this.epoch = socket.hello.epoch;
    const result = ack.data as { chats: { chatId: string; status: string; lastSeq: number }[] };
    for (const c of result.chats) if (c.status === 'unrecoverable') this.stats.unrecoverable++;
    await this.fillGaps(result.chats.map((c) => c.chatId));
    // Whatever was sent but not acknowledged goes again, with the same id.
    for (const [id, { chatId, text }] of [...this.pending]) await this.sendWith(id, chatId, text);
  }

  /** Fetches with `history` every seq missing below the newest one held (or announced). */
  async fillGaps(chatIds: string[] = this.chats): Promise<void> {
    for (const chatId of chatIds) {
      for (let round = 0; round < 100; round++) {
        const from = this.cursor(chatId);
        const res = await fetch(`${this.httpUrl}/v1/chats/${chatId}/messages?position=down&fromSeq=${from}&limit=100`, { headers: { authorization: `Bearer ${this.user.token}` } });
        if (res.status !== 200) return;
        const page = (await res.json()) as { messages: Seen[]; hasMore: boolean };
        for (const m of page.messages) {
          if (!this.view.get(chatId)?.has(m.seq)) this.stats.refetched++;
          this.hold(chatId, m, false);
        }
        if (!page.hasMore) break;
      }
    }
  }

  async send(chatId: string, text: string): Promise<void> {
    const id = randomUUID();
    this.history.send(chatId, id, text);
    this.pending.set(id, { chatId, text });
    await this.sendWith(id, chatId, text);
  }

  private async sendWith(id: string, chatId: string, text: string): Promise<void> {
    const socket = this.socket;
    if (!socket || socket.closed) return;
    const ack = await socket.request('send', { chatId, id, messageType: 'TEXT', content: { text } }).catch(() => null);
    if (ack?.ok) {
      const m = ack.data as Seen;
      this.pending.delete(id);
      this.history.ack(id, { chatId, id: m.id, seq: m.seq });
      this.hold(chatId, m, false);
    }
  }

  /** Kills the connection as a network would: no close handshake. */
  kill(): void {
    this.stats.kills++;
    this.socket?.socket.terminate();
  }

  get connected(): boolean {
    return this.socket !== undefined && this.socket.closed === null;
  }

  get unacknowledged(): number {
    return this.pending.size;
  }

  close(): void {
    this.socket?.close();
  }
}
