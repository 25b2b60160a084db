import WebSocket from 'ws';
import type { ErrorBody, HelloData } from '@parley/protocol';

export interface Ack {
  t: 'ack';
  rid: string | number;
  ok: boolean;
  data?: unknown;
  error?: ErrorBody;
}

export interface EventFrame {
  t: 'event';
  event: string;
  data: Record<string, unknown>;
}

/** A raw-protocol test client: real WebSocket, every frame recorded. */
export class RawClient {
  readonly frames: Record<string, unknown>[] = [];
  readonly events: EventFrame[] = [];
  hello!: HelloData;
  closed: { code: number; reason: string } | null = null;
  private nextRid = 1;
  private readonly waiters = new Set<() => void>();

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const frame = JSON.parse((data as Buffer).toString()) as Record<string, unknown>;
      this.frames.push(frame);
      if (frame.t === 'event') this.events.push(frame as unknown as EventFrame);
      if (frame.t === 'hello') this.hello = frame.data as HelloData;
      this.wake();
    });
    socket.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      this.wake();
    });
  }

  static async connect(wsUrl: string, token: string, opts: { origin?: string; headerAuth?: boolean; headers?: Record<string, string> } = {}): Promise<RawClient> {
    const socket = opts.headerAuth
      ? new WebSocket(wsUrl, { headers: { ...opts.headers, authorization: `Bearer ${token}` }, origin: opts.origin })
      : new WebSocket(wsUrl, ['parley.v1', `bearer.${token}`], { origin: opts.origin, headers: opts.headers });
    const client = new RawClient(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('unexpected-response', (_req, res) => reject(Object.assign(new Error(`upgrade refused: ${res.statusCode}`), { statusCode: res.statusCode })));
      socket.once('error', reject);
    });
    await client.waitFor(() => client.hello !== undefined, 'hello');
    return client;
  }

  /** Sends a request and resolves with its ack (whether ok or not). */
  async request(op: string, data?: unknown): Promise<Ack> {
    const rid = this.nextRid++;
    this.socket.send(JSON.stringify({ op, rid, data }));
    let ack: Ack | undefined;
    await this.waitFor(() => (ack = this.frames.find((f) => f.t === 'ack' && f.rid === rid) as Ack | undefined) !== undefined, `ack of ${op}`);
    return ack as Ack;
  }

  sendRaw(data: string | Buffer): void {
    this.socket.send(data);
  }

  eventsOf(name: string): Record<string, unknown>[] {
    return this.events.filter((e) => e.event === name).map((e) => e.data);
  }

  async waitFor(predicate: () => boolean, what = 'condition', timeoutMs = 5000): Promise<void> {
    if (predicate()) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      const check = () => {
        if (!predicate()) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      this.waiters.add(check);
    });
  }

  close(): void {
    this.socket.close();
  }

  private wake(): void {
    for (const w of [...this.waiters]) w();
  }
}
