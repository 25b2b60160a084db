import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WEBHOOK_HEADERS, type WebhookPayload } from '@parley/protocol';

/** One request as the receiver got it: the raw body (what the signature covers) and the headers. */
export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  raw: string;
  body: WebhookPayload;
  at: number;
}

/** What the receiver answers a request: a status, or `hang` (never answer). */
export type Answer = number | 'hang';

/**
 * A real HTTP server on an ephemeral port standing in for a bot or an integration. `answer` decides
 * each response (default 200); `waitFor` resolves when enough matching requests arrived.
 */
export class Receiver {
  readonly received: Received[] = [];
  answer: (req: Received, n: number) => Answer = () => 200;
  private readonly server: Server;
  private readonly hanging = new Set<ServerResponse>();
  private waiters: (() => void)[] = [];
  /** The most requests left unanswered at one time. */
  maxHanging = 0;
  url = '';

  private constructor() {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const got: Received = { path: req.url ?? '/', headers: req.headers, raw, body: JSON.parse(raw) as WebhookPayload, at: Date.now() };
        this.received.push(got);
        for (const wake of this.waiters.splice(0)) wake();
        const answer = this.answer(got, this.received.length);
        if (answer === 'hang') {
          this.hanging.add(res);
          this.maxHanging = Math.max(this.maxHanging, this.hanging.size);
          res.on('close', () => this.hanging.delete(res));
          return;
        }
        res.writeHead(answer, { 'content-type': 'text/plain' }).end(answer >= 400 ? `failure ${answer}` : 'ok');
      });
    });
  }

  static async start(): Promise<Receiver> {
    const r = new Receiver();
    await new Promise<void>((resolve) => r.server.listen(0, '127.0.0.1', resolve));
    r.url = `http://127.0.0.1:${(r.server.address() as AddressInfo).port}`;
    return r;
  }

  /** Requests whose body matches, in arrival order. */
  matching(filter: (r: Received) => boolean = () => true): Received[] {
    return this.received.filter(filter);
  }

  async waitFor(filter: (r: Received) => boolean, count = 1, timeoutMs = 10_000): Promise<Received[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.matching(filter);
      if (found.length >= count) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`receiver: ${found.length} of ${count} requests after ${timeoutMs} ms; got ${this.received.map((r) => r.body.type).join(', ')}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async close(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** The signature headers of a request, for `verifyWebhook`. */
export function signatureOf(r: Received): { timestamp: string | undefined; signature: string | undefined } {
  const h = (name: string): string | undefined => {
    const v = r.headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  return { timestamp: h(WEBHOOK_HEADERS.timestamp), signature: h(WEBHOOK_HEADERS.signature) };
}
