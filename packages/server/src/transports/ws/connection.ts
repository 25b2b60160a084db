import { randomUUID } from 'node:crypto';
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import { CLOSE_CODES } from '@parley/protocol';
import type { Actor } from '../../domain/index.js';
import { DeliveredSeqs } from './delivered-seqs.js';
import { FrameBudget, type FrameVerdict } from './frame-budget.js';
import { CLOSE_GRACE_MS } from './socket-errors.js';
import type { Expiring } from './expiry-wheel.js';

/** A live event waiting while the connection resumes. */
interface HeldEvent {
  chatId: string;
  event: string;
  seq: number | undefined;
  frame: string;
}

export interface ConnectionLimits {
  socketBufferBytes: number;
  resumeHeldEvents: number;
  /** Frames the client may send per minute (0 or unset: no limit). */
  wsFramesPerConnection?: number;
}

/**
 * One client socket: who it is, which chats it hears, and its outgoing flow control. Before the
 * client resumes, live events are held (bounded) so the replay can go first.
 */
export class Connection implements Expiring {
  readonly id = randomUUID();
  readonly chats = new Set<string>();
  /** What this connection's client has been given, per chat (for the catch-up after a bus outage). */
  readonly delivered = new DeliveredSeqs();
  alive = true;
  /** Where the gateway's expiry wheel keeps this connection (the second its token expires). */
  expirySlot = 0;
  private live = false;
  /** Catch-up replays running: live events wait behind them like behind a resume. */
  private holds = 0;
  private held: HeldEvent[] = [];
  private closed = false;
  private budget: FrameBudget | undefined;
  /** Frames written in this tick wait in the corked stream and leave in one writev. */
  private corked = false;

  constructor(
    readonly socket: WebSocket,
    readonly actor: Actor & { type: 'user' },
    private readonly limits: ConnectionLimits,
    /** Called once when the server decides to close, so the socket stops hearing events at once. */
    private readonly onClosing: (conn: Connection) => void = () => {},
    /** The TCP stream under the WebSocket (the upgrade request's socket), when known. */
    private readonly stream?: Duplex,
  ) {}

  get userId(): string {
    return this.actor.user.id;
  }

  get tenantId(): string {
    return this.actor.tenant.id;
  }

  /** Counts one frame from the client against its budget. */
  takeFrame(): FrameVerdict {
    this.budget ??= new FrameBudget(this.limits.wsFramesPerConnection ?? 0, 60_000);
    return this.budget.take();
  }

  get isLive(): boolean {
    return this.live;
  }

  /** A server event for this connection: written now, or held while the client resumes. */
  deliver(chatId: string, event: string, seq: number | undefined, frame: string): void {
    if (this.live && this.holds === 0) {
      this.send(chatId, event, seq, frame);
      return;
    }
    if (this.held.length >= this.limits.resumeHeldEvents) {
      this.close(CLOSE_CODES.SLOW_CONSUMER, 'too many events while resuming');
      return;
    }
    this.held.push({ chatId, event, seq, frame });
  }

  /**
   * Ends the holding period: writes the held events except messages the replay already covered
   * (`covered`: chatId → highest seq replayed or known to the client).
   */
  goLive(covered: ReadonlyMap<string, number> = new Map()): void {
    this.live = true;
    this.flush(covered);
  }

  /** Live events wait (bounded, as during a resume) while a catch-up replay is written. */
  hold(): void {
    this.holds++;
  }

  /** Ends a `hold`: writes what waited, except messages the replay covered. */
  release(covered: ReadonlyMap<string, number>): void {
    this.holds = Math.max(0, this.holds - 1);
    if (this.live && this.holds === 0) this.flush(covered);
    else for (const [chatId, seq] of covered) this.delivered.cover(chatId, seq);
  }

  /** A replayed or acknowledged message: written (if a frame is given) and remembered as delivered. */
  noteMessage(chatId: string, seq: number, frame?: string): void {
    this.delivered.note(chatId, seq);
    if (frame !== undefined) this.write(frame);
  }

  private flush(covered: ReadonlyMap<string, number>): void {
    for (const [chatId, seq] of covered) this.delivered.cover(chatId, seq);
    const held = this.held;
    this.held = [];
    for (const e of held) {
      if (e.event === 'message' && e.seq !== undefined && e.seq <= (covered.get(e.chatId) ?? 0)) continue;
      this.send(e.chatId, e.event, e.seq, e.frame);
    }
  }

  private send(chatId: string, event: string, seq: number | undefined, frame: string): void {
    if (event === 'message' && seq !== undefined && !this.delivered.note(chatId, seq)) return;
    this.write(frame);
  }

  /** Writes a frame unless the client has stopped reading: past the bound it is cut (4008). */
  write(frame: string): void {
    if (this.closed) return;
    if (this.socket.bufferedAmount + frame.length > this.limits.socketBufferBytes) {
      this.close(CLOSE_CODES.SLOW_CONSUMER, 'slow consumer');
      return;
    }
    // A commit answers many sends at once: their acks and events to one socket share a syscall.
    if (!this.corked && this.stream !== undefined) {
      this.corked = true;
      this.stream.cork();
      process.nextTick(() => this.uncork());
    }
    this.socket.send(frame);
  }

  private uncork(): void {
    this.corked = false;
    this.stream?.uncork();
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.held = [];
    this.onClosing(this);
    try {
      this.socket.close(code, reason);
    } catch {
      // already closing
    }
    // A peer that does not read will never complete the closing handshake.
    setTimeout(() => this.socket.terminate(), CLOSE_GRACE_MS).unref();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  markClosed(): void {
    this.closed = true;
    this.held = [];
  }
}
