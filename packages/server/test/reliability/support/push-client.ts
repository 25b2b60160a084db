import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import type { Ack } from '../../helpers/ws-client.js';
import type { History, Seen } from './history.js';

/** Codes a send is retried after, with the same id: the server could not take it now. */
const RETRIABLE = new Set(['E_UNAVAILABLE', 'E_RATE_LIMITED', 'E_TIMEOUT']);
const REQUEST_TIMEOUT_MS = 10_000;

interface Connection {
  ws: WebSocket;
  node: number;
  /** `chat:seq` of every message this connection carried (events, replays, acks of its sends). */
  carried: Set<string>;
  /** The cursors it resumed from: a message at or below one was already held. */
  resumedFrom: Map<string, number>;
  /** Per chat, the newest seq it received as an event. */
  newest: Map<string, number>;
  requests: Map<number, (ack: Ack | undefined) => void>;
  resumed: boolean;
}

/**
 * A client that trusts the server's push and never fills a gap from history. On every (re)connect it
 * resumes from its cursors (per chat, the highest seq below which it holds everything) and the
 * epoch, as docs/protocol.md asks; when its node dies it reconnects to another. Every message
 * reaching it is checked: the server must never send one at or below the cursor the connection
 * resumed from (a duplicate the client could not tell from a new message without its own log); one
 * sent twice on a connection is dropped by (chat, seq), as the protocol asks of clients, and counted.
 * What it never receives is lost to it: nothing else brings it. Each send is retried with its id
 * until acknowledged, across connections.
 */
export class PushClient {
  /** chat → seq → message id: what the client holds. */
  readonly held = new Map<string, Map<number, string>>();
  /** Messages the server sent twice (or older than a resume cursor), and other broken promises. */
  readonly problems: string[] = [];
  /** Close codes the client saw (not its own closes). */
  readonly closes = new Map<number, number>();
  /**
   * Resumes acked; resumes cut before their ack; messages that arrived after a newer one on the same
   * connection (two nodes' publishes crossing, or the catch-up after a bus outage filling a gap);
   * messages the server sent twice on one connection (dropped by the client's (chat, seq) dedupe);
   * messages sent again past a gap after a resume; sends retried after a retriable error.
   */
  readonly stats = { resumes: 0, resumesCut: 0, lateArrivals: 0, wireDuplicates: 0, resentPastGap: 0, retried: 0 };
  private current: Connection | undefined;
  private epoch: string | undefined;
  private stopped = false;
  private ready!: Promise<void>;
  private markReady!: () => void;
  private readonly unacked = new Set<string>();

  constructor(
    private readonly urls: () => readonly string[],
    private readonly user: { token: string },
    readonly name: string,
    readonly chats: readonly string[],
    private readonly history: History,
    /** The node it connects to first; another when that one refuses. */
    public preferred = 0,
  ) {
    for (const chatId of chats) this.held.set(chatId, new Map());
    this.waitForResume();
  }

  /** The node its live connection is on, if it has one. */
  get node(): number | undefined {
    return this.current?.resumed ? this.current.node : undefined;
  }

  get pending(): number {
    return this.unacked.size;
  }

  /** Connects (to `preferred` first) and resumes; retries until it is in, or the client is closed. */
  async connect(): Promise<void> {
    for (let attempt = 0; !this.stopped; attempt++) {
      const urls = this.urls();
      const node = (this.preferred + attempt) % urls.length;
      if (await this.open(node, urls[node] as string)) return;
      await sleep(Math.min(500, 50 * (attempt + 1)));
    }
  }

  /** Leaves its node on purpose (a clean close) and resumes on `node`. */
  async moveTo(node: number): Promise<void> {
    this.preferred = node;
    const old = this.current;
    this.current = undefined;
    this.waitForResume();
    if (old) await closeQuietly(old);
    await this.connect();
  }

  /** Goes away without reconnecting, until `connect()`. */
  async leave(): Promise<void> {
    const old = this.current;
    this.current = undefined;
    this.waitForResume();
    if (old) await closeQuietly(old);
  }

  /** Sends one message and returns once it is acknowledged (retried with its id meanwhile). */
  async send(chatId: string, text: string): Promise<void> {
    const id = randomUUID();
    this.history.send(chatId, id, text);
    this.unacked.add(id);
    while (!this.stopped) {
      await this.ready;
      const conn = this.current;
      if (!conn || this.stopped) continue;
      const ack = await this.request(conn, 'send', { chatId, id, messageType: 'TEXT', content: { text } });
      if (ack?.ok) {
        const m = ack.data as Seen;
        this.unacked.delete(id);
        this.history.ack(id, { chatId, id: m.id, seq: m.seq });
        conn.carried.add(`${chatId}:${m.seq}`);
        this.hold({ chatId, id: m.id, seq: m.seq });
        return;
      }
      if (ack && !RETRIABLE.has(ack.error?.code ?? '')) {
        this.problems.push(`${this.name}: send ${id} refused with ${ack.error?.code}`);
        this.unacked.delete(id);
        return;
      }
      // No answer (the connection died) or a retriable refusal: again, with the same id.
      if (ack) this.stats.retried++;
      await sleep(ack ? 100 + Math.random() * 200 : 20);
    }
  }

  /** Seqs of `chatId` it does not hold, of the ones the store has. */
  missing(chatId: string, stored: readonly Seen[]): Seen[] {
    const held = this.held.get(chatId) ?? new Map<number, string>();
    return stored.filter((m) => held.get(m.seq) !== m.id);
  }

  close(): void {
    this.stopped = true;
    this.markReady();
    this.current?.ws.terminate();
    this.current = undefined;
  }

  private waitForResume(): void {
    this.ready = new Promise((resolve) => (this.markReady = resolve));
  }

  private cursor(chatId: string): number {
    const held = this.held.get(chatId);
    let n = 0;
    while (held?.has(n + 1)) n++;
    return n;
  }

  private hold(m: Seen): void {
    const held = this.held.get(m.chatId);
    if (!held) return void this.problems.push(`${this.name}: got a message of ${m.chatId}, not one of its chats`);
    const had = held.get(m.seq);
    if (had !== undefined && had !== m.id) this.problems.push(`${this.name}: ${m.chatId} seq ${m.seq} is ${m.id}, was ${had} (members disagree)`);
    held.set(m.seq, m.id);
  }

  /** Opens a connection and resumes on it; false when the node refused, died or the resume failed. */
  private async open(node: number, url: string): Promise<boolean> {
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/v1/ws`, ['parley.v1', `bearer.${this.user.token}`]);
    const conn: Connection = { ws, node, carried: new Set(), resumedFrom: new Map(), newest: new Map(), requests: new Map(), resumed: false };
    let hello: { epoch: string } | undefined;
    const opened = new Promise<boolean>((resolve) => {
      ws.on('message', (data) => {
        const frame = JSON.parse((data as Buffer).toString()) as { t: string; event?: string; rid?: number; data?: unknown };
        if (frame.t === 'hello') {
          hello = frame.data as { epoch: string };
          resolve(true);
        } else if (frame.t === 'ack' && typeof frame.rid === 'number') {
          conn.requests.get(frame.rid)?.(frame as unknown as Ack);
          conn.requests.delete(frame.rid);
        } else if (frame.t === 'event' && frame.event === 'message') {
          this.receive(conn, frame.data as Seen);
        }
      });
      ws.on('close', (code) => {
        resolve(false);
        for (const answer of conn.requests.values()) answer(undefined);
        conn.requests.clear();
        if (this.current !== conn || this.stopped) return;
        this.closes.set(code, (this.closes.get(code) ?? 0) + 1);
        this.current = undefined;
        // A connection cut before its resume was acked is retried by the connect() that opened it.
        if (!conn.resumed) return;
        this.waitForResume();
        void sleep(20).then(() => this.connect());
      });
      ws.on('error', () => {});
    });
    if (!(await opened) || this.stopped) return closeQuietly(conn).then(() => false);
    this.current = conn;
    const cursors = Object.fromEntries(this.chats.map((chatId) => [chatId, this.cursor(chatId)]));
    for (const [chatId, seq] of Object.entries(cursors)) conn.resumedFrom.set(chatId, seq);
    const ack = await this.request(conn, 'resume', { cursors, ...(this.epoch ? { epoch: this.epoch } : {}) });
    if (!ack?.ok || this.current !== conn) {
      if (!this.stopped) this.stats.resumesCut++;
      if (this.current === conn) this.current = undefined;
      await closeQuietly(conn);
      return false;
    }
    for (const c of (ack.data as { chats: { chatId: string; status: string }[] }).chats) {
      // A client that does not fill gaps cannot recover such a chat: the server failed it.
      if (c.status !== 'recovered' && this.chats.includes(c.chatId)) this.problems.push(`${this.name}: resume said ${c.status} for ${c.chatId}`);
    }
    this.epoch = hello?.epoch;
    conn.resumed = true;
    this.stats.resumes++;
    this.markReady();
    return true;
  }

  private receive(conn: Connection, m: Seen): void {
    const key = `${m.chatId}:${m.seq}`;
    // Twice on one connection: the client drops it by (chat, seq), as docs/protocol.md asks of clients.
    if (conn.carried.has(key)) this.stats.wireDuplicates++;
    else if (m.seq <= (conn.resumedFrom.get(m.chatId) ?? 0)) this.problems.push(`${this.name}: ${m.chatId} seq ${m.seq} sent again below its resume cursor (DUPLICATE)`);
    else if (this.held.get(m.chatId)?.has(m.seq)) this.stats.resentPastGap++;
    if (m.seq < (conn.newest.get(m.chatId) ?? 0)) this.stats.lateArrivals++;
    else conn.newest.set(m.chatId, m.seq);
    conn.carried.add(key);
    this.hold({ chatId: m.chatId, id: m.id, seq: m.seq });
  }

  private request(conn: Connection, op: string, data: unknown): Promise<Ack | undefined> {
    if (conn.ws.readyState !== WebSocket.OPEN) return Promise.resolve(undefined);
    const rid = Math.floor(Math.random() * 2 ** 31);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        conn.requests.delete(rid);
        resolve(undefined);
      }, REQUEST_TIMEOUT_MS);
      conn.requests.set(rid, (ack) => {
        clearTimeout(timer);
        resolve(ack);
      });
      conn.ws.send(JSON.stringify({ op, rid, data }));
    });
  }
}

/** Lost and duplicated messages over a run, as the push clients saw them against the store. */
export function account(clients: readonly PushClient[], stored: ReadonlyMap<string, readonly Seen[]>): { lost: number; duplicated: number; problems: string[] } {
  const problems: string[] = [];
  let lost = 0;
  let duplicated = 0;
  for (const c of clients) {
    duplicated += c.problems.filter((p) => p.includes('DUPLICATE')).length;
    problems.push(...c.problems);
    for (const chatId of c.chats) {
      const missing = c.missing(chatId, stored.get(chatId) ?? []);
      lost += missing.length;
      if (missing.length > 0) problems.push(`${c.name} never received ${missing.length} of ${stored.get(chatId)?.length} messages of ${chatId} (seqs ${missing.slice(0, 8).map((m) => m.seq).join(',')}…) (LOST)`);
    }
  }
  return { lost, duplicated, problems };
}

async function closeQuietly(conn: Connection): Promise<void> {
  if (conn.ws.readyState === WebSocket.CLOSED) return;
  await new Promise<void>((resolve) => {
    conn.ws.once('close', () => resolve());
    conn.ws.close();
    setTimeout(() => {
      conn.ws.terminate();
      resolve();
    }, 2_000).unref();
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
