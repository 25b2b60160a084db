// Thin raw-protocol clients for the load generator: no SDK, no reconnects, no retries. One socket
// each, JSON text frames, and the least work per frame that the protocol allows, so that the load
// core spends its time on the wire rather than in client logic.
import { WebSocket } from 'ws';
import type { RawData } from 'ws';
import type { OpMap, OpName, ServerFrame } from '@parley/protocol';

/** The text of a frame: with the default binaryType ('nodebuffer') a message arrives as one Buffer. */
function text(data: RawData): string {
  return (data as Buffer).toString();
}

/**
 * Opens a socket and resolves once it is open — or, with `firstFrame`, once its first frame has
 * arrived (listening from the start: that frame may come in the same packet as the upgrade).
 * Rejects on error, close or after `timeoutMs`.
 */
export function openSocket(
  url: string,
  protocols: string[],
  timeoutMs: number,
  firstFrame = false,
): Promise<{ ws: WebSocket; first: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, protocols, { perMessageDeflate: false, handshakeTimeout: timeoutMs });
    const timer = setTimeout(() => fail(new Error(firstFrame ? 'no first frame in time' : 'not open in time')), timeoutMs);
    const done = (first: string): void => {
      clearTimeout(timer);
      ws.removeAllListeners();
      resolve({ ws, first });
    };
    function fail(err: Error): void {
      clearTimeout(timer);
      ws.removeAllListeners();
      ws.on('error', () => undefined);
      ws.terminate();
      reject(err);
    }
    ws.once('open', () => {
      if (!firstFrame) done('');
    });
    ws.once('message', (data: RawData) => done(text(data)));
    ws.once('unexpected-response', (_req, res) => fail(new Error(`upgrade refused: HTTP ${res.statusCode}`)));
    ws.once('error', fail);
    ws.once('close', (code) => fail(new Error(`closed while opening: ${code}`)));
  });
}

/** A client of the baseline relay: `{to, body}` out, `{from, body}` in. */
export class RelayClient {
  onMessage: (from: string, body: unknown) => void = () => undefined;
  /** Set when the socket closed before `close()` was called. */
  closedUnexpectedly = false;
  #closing = false;

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data: RawData) => {
      const frame = JSON.parse(text(data)) as { from: string; body: unknown };
      this.onMessage(frame.from, frame.body);
    });
    ws.on('close', () => {
      if (!this.#closing) this.closedUnexpectedly = true;
    });
    ws.on('error', () => undefined);
  }

  static async connect(baseUrl: string, user: string, timeoutMs: number): Promise<RelayClient> {
    const { ws } = await openSocket(`${baseUrl}/?user=${encodeURIComponent(user)}`, [], timeoutMs);
    return new RelayClient(ws);
  }

  /** To one user, or (fan-out mode) to each of a list of users. */
  send(to: string | string[], body: unknown): void {
    this.ws.send(JSON.stringify({ to, body }));
  }

  close(): void {
    this.#closing = true;
    this.ws.terminate();
  }
}

type AckFrame = Extract<ServerFrame, { t: 'ack' }>;
type EventFrame = Extract<ServerFrame, { t: 'event' }>;
export type AckHandler = (ack: AckFrame) => void;

/**
 * A client of Parley's WebSocket protocol (docs/protocol.md): auth by subprotocol at the upgrade,
 * `hello` first, then `{op, rid, data}` requests answered by acks, and `{t:'event'}` frames.
 */
export class ParleyClient {
  onEvent: (event: EventFrame) => void = () => undefined;
  /** Error acks and `error` frames received. */
  errors = 0;
  lastError = '';
  closedUnexpectedly = false;
  #closing = false;
  #nextRid = 1;
  readonly #pending = new Map<number, AckHandler | undefined>();

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data: RawData) => this.#dispatch(JSON.parse(text(data)) as ServerFrame));
    ws.on('close', () => {
      if (!this.#closing) this.closedUnexpectedly = true;
    });
    ws.on('error', () => undefined);
  }

  /** Connects and resolves once the server's `hello` arrived. */
  static async connect(baseUrl: string, token: string, timeoutMs: number): Promise<ParleyClient> {
    const { ws, first } = await openSocket(`${baseUrl}/v1/ws`, ['parley.v1', `bearer.${token}`], timeoutMs, true);
    const frame = JSON.parse(first) as ServerFrame;
    if (frame.t !== 'hello') {
      ws.terminate();
      throw new Error(`expected hello, got ${frame.t}`);
    }
    return new ParleyClient(ws);
  }

  /** Sends a request; `onAck` (optional) gets its ack. Error acks are counted either way. */
  request<O extends OpName>(op: O, data: OpMap[O]['input'], onAck?: AckHandler): void {
    const rid = this.#nextRid++;
    this.#pending.set(rid, onAck);
    this.ws.send(JSON.stringify({ op, rid, data }));
  }

  /** Sends a request and resolves with its ack's data; rejects on an error ack or after `timeoutMs`. */
  call<O extends OpName>(op: O, data: OpMap[O]['input'], timeoutMs: number): Promise<OpMap[O]['output']> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ack for ${op} in time`)), timeoutMs);
      this.request(op, data, (ack) => {
        clearTimeout(timer);
        if (ack.ok) resolve(ack.data as OpMap[O]['output']);
        else reject(new Error(`${op}: ${ack.error.code}: ${ack.error.message}`));
      });
    });
  }

  get pendingRequests(): number {
    return this.#pending.size;
  }

  close(): void {
    this.#closing = true;
    this.ws.terminate();
  }

  #dispatch(frame: ServerFrame): void {
    switch (frame.t) {
      case 'event':
        this.onEvent(frame);
        return;
      case 'ack': {
        const rid = Number(frame.rid);
        const handler = this.#pending.get(rid);
        this.#pending.delete(rid);
        if (!frame.ok) {
          this.errors++;
          this.lastError = `${frame.error.code}: ${frame.error.message}`;
        }
        handler?.(frame);
        return;
      }
      case 'error':
        this.errors++;
        this.lastError = `${frame.error.code}: ${frame.error.message}`;
        return;
      default:
        return;
    }
  }
}
