import type { Bus, BusMessage } from '../../bus/index.js';

/**
 * What a gateway hears from the cluster: a chat event as committed (its frame already serialised, so
 * every node writes the same bytes), a user's tokens revoked, a tenant's new row.
 */
export type FanoutMessage = BusMessage;

/**
 * The fan-out as a gateway may use it: hear committed messages, hear when some may have been missed
 * (then catch up from the log), and report its users' connections for presence. It cannot publish:
 * events go out from the domain, after their commit.
 */
export interface Fanout {
  /** Every committed message, from any node; returns the unsubscribe. */
  subscribe(listener: (message: FanoutMessage) => void): () => void;
  /** Messages may have been lost (a link to the other nodes broke, a node died); returns the unsubscribe. */
  onResync(listener: () => void): () => void;
  /** A connection of the user opened on this node. */
  connected(tenantId: string, userId: string): void;
  /** A connection of the user closed on this node. */
  disconnected(tenantId: string, userId: string): void;
}

/**
 * The bus behind a fan-out. Calls pass straight through: the gateway's listener is the bus's own
 * subscriber, so an event costs nothing more than it did on the bus.
 */
export function fanoutOf(bus: Bus): Fanout {
  return {
    subscribe: (listener) => bus.subscribe(listener),
    onResync: (listener) => bus.onResync(listener),
    connected: (tenantId, userId) => bus.presence.connected(tenantId, userId),
    disconnected: (tenantId, userId) => bus.presence.disconnected(tenantId, userId),
  };
}
