import { ClusterBus, type ClusterBusOptions } from './cluster-bus.js';
import { MemoryPresenceBackend } from './presence-backend.js';

/**
 * What in-process nodes share: their buses' payload receivers and one presence map. One hub per
 * process is a "cluster" of nodes in one process (tests); each bus makes its own hub by default.
 */
export class InProcessHub {
  readonly presence = new MemoryPresenceBackend();
  private readonly members = new Set<(payload: string) => void>();

  join(receive: (payload: string) => void): () => void {
    this.members.add(receive);
    return () => this.members.delete(receive);
  }

  get size(): number {
    return this.members.size;
  }

  broadcast(payload: string): void {
    for (const receive of this.members) receive(payload);
  }
}

/**
 * The embedded bus: every node on one hub, delivery by direct call. Alone on its hub (the default)
 * it is one node whose publishes reach its own subscribers only.
 */
export class InProcessBus extends ClusterBus {
  readonly name = 'in-process';
  private readonly leave: () => void;

  constructor(
    private readonly hub: InProcessHub = new InProcessHub(),
    opts: ClusterBusOptions = {},
  ) {
    super(hub.presence, opts);
    this.leave = hub.join((payload) => this.onPayload(payload));
  }

  /** Alone on its hub (one node), a publish is a direct call to this node's subscribers, nothing more. */
  protected override get alone(): boolean {
    return this.hub.size <= 1;
  }

  protected doPublish(payload: string): Promise<void> {
    this.hub.broadcast(payload);
    return Promise.resolve();
  }

  protected doClose(): Promise<void> {
    this.leave();
    return Promise.resolve();
  }
}
