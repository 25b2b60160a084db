import { randomUUID } from 'node:crypto';
import { decode, encode, type ClusterMessage } from './cluster-message.js';
import type { PresenceBackend } from './presence-backend.js';
import { PresenceTracker } from './presence-tracker.js';
import type { Bus, BusHandler, BusMessage, ResyncHandler, ResyncReason } from './types.js';

export interface ClusterBusOptions {
  /** Default: a fresh UUID per start. */
  nodeId?: string;
  /** How long a node's heartbeat and its users' presence live without renewal. Default 30 s. */
  presenceTtlMs?: number;
}

/** Heartbeats per TTL: a live node renews its entries this many times before they would expire. */
const BEATS_PER_TTL = 3;

/**
 * Everything cross-node but the wire (socket.io's cluster adapter): typed messages and their
 * encoding, the node id, local delivery first (a node ignores its own messages coming back),
 * heartbeats and presence, and the resync signal when events may have been missed. A backend only
 * implements `doPublish` and hands what it receives to `onPayload`, and reports its link with
 * `linkDown` / `linkRestored` / `publisherRestored`.
 */
export abstract class ClusterBus implements Bus {
  abstract readonly name: string;
  readonly nodeId: string;
  readonly presence: PresenceTracker;
  private readonly handlers = new Set<BusHandler>();
  private readonly resyncHandlers = new Set<ResyncHandler>();
  private linkUp = true;
  /** A publish failed since the last successful `resync` notice: the others may have missed events. */
  private lostPublishes = false;
  /** Nodes seen alive at the last heartbeat; one that vanishes may have died with unpublished commits. */
  private knownNodes = new Set<string>();
  private beatTimer: NodeJS.Timeout | undefined;
  private beating: Promise<void> | undefined;
  private closed = false;

  protected constructor(presenceBackend: PresenceBackend, opts: ClusterBusOptions = {}) {
    this.nodeId = opts.nodeId ?? randomUUID();
    const ttlMs = opts.presenceTtlMs ?? 30_000;
    this.presence = new PresenceTracker(this.nodeId, presenceBackend, ttlMs);
    this.beatTimer = setInterval(() => void this.beat(), Math.max(50, Math.floor(ttlMs / BEATS_PER_TTL)));
    this.beatTimer.unref();
    void this.beat();
  }

  /** Sends `payload` to every other node (and may echo it back here). Rejects when it cannot. */
  protected abstract doPublish(payload: string): Promise<void>;

  /** Releases the backend's connections. */
  protected abstract doClose(): Promise<void>;

  /** Whether no other node can hear this one, so nothing needs encoding or sending. */
  protected get alone(): boolean {
    return false;
  }

  get connected(): boolean {
    return this.linkUp;
  }

  publish(message: BusMessage): void {
    // This node's subscribers hear it at once, whatever the state of the link to the others.
    this.deliver(message);
    this.send({ ...message, nodeId: this.nodeId });
  }

  subscribe(handler: BusHandler): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  onResync(handler: ResyncHandler): () => void {
    this.resyncHandlers.add(handler);
    return () => this.resyncHandlers.delete(handler);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.beatTimer);
    await this.beating;
    await Promise.race([this.presence.leave().catch(() => {}), delay(1_000)]);
    this.handlers.clear();
    this.resyncHandlers.clear();
    await this.doClose();
  }

  /** For the backend: a payload from the wire. */
  protected onPayload(payload: string): void {
    const message = decode(payload);
    if (message === undefined || message.nodeId === this.nodeId) return;
    if (message.kind === 'resync') {
      this.resync('peer-lost-publishes');
      return;
    }
    const { nodeId: _from, ...busMessage } = message;
    this.deliver(busMessage);
  }

  /** For the backend: this node no longer hears the others. */
  protected linkDown(): void {
    this.linkUp = false;
  }

  /** For the backend: this node hears the others again (subscribed anew); what it missed is in the store. */
  protected linkRestored(): void {
    if (this.closed) return;
    const wasDown = !this.linkUp;
    this.linkUp = true;
    if (wasDown) {
      this.resync('reconnected');
      void this.beat();
    }
  }

  /** For the backend: publishing works again; tell the others if they missed any of ours. */
  protected publisherRestored(): void {
    if (this.closed || !this.lostPublishes) return;
    this.lostPublishes = false;
    this.send({ kind: 'resync', nodeId: this.nodeId });
  }

  private send(message: ClusterMessage): void {
    if (this.closed || this.alone) return;
    const lost = (): void => {
      this.lostPublishes = true;
    };
    try {
      this.doPublish(encode(message)).catch(lost);
    } catch {
      lost();
    }
  }

  private deliver(message: BusMessage): void {
    for (const handler of this.handlers) {
      try {
        handler(message);
      } catch {
        // A failing subscriber must not break the publisher or the other subscribers.
      }
    }
  }

  private resync(reason: ResyncReason): void {
    for (const handler of this.resyncHandlers) {
      try {
        handler(reason);
      } catch {
        // as above
      }
    }
  }

  /** Renews this node's heartbeat and presence, then looks for nodes that died since the last beat. */
  private beat(): Promise<void> {
    if (this.closed || this.beating) return this.beating ?? Promise.resolve();
    this.beating = (async () => {
      try {
        await this.presence.heartbeat();
        const alive = new Set((await this.presence.nodes()).map((n) => n.nodeId));
        const lost = [...this.knownNodes].some((id) => id !== this.nodeId && !alive.has(id));
        this.knownNodes = alive;
        if (lost && !this.closed) this.resync('node-lost');
      } catch {
        // The backend is unreachable: the link callbacks handle it; the next beat tries again.
      } finally {
        this.beating = undefined;
      }
    })();
    return this.beating;
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
