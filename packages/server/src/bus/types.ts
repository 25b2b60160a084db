import type { EventName } from '@parley/protocol';
import type { TenantRow } from '../store/types.js';

/**
 * Cross-node messages. Chat events carry their frame already serialised, so every node writes the
 * same bytes to every socket; `seq` lets a resuming connection drop what its replay covered.
 */
export type BusMessage =
  | {
      kind: 'chat';
      tenantId: string;
      chatId: string;
      event: EventName;
      frame: string;
      seq?: number;
      /** Connection that caused the event and already has its result (the sender's ack). */
      origin?: string;
      /** Membership changes, so gateways (un)subscribe the user's connections. */
      member?: { userId: string; joined: boolean };
      /** When the event was published, right after its commit (ms): the delivery latency metric starts here. */
      at?: number;
    }
  | {
      kind: 'user';
      tenantId: string;
      userId: string;
      /** `revoke`: close the user's sockets (token version bumped or user disabled). */
      action: 'revoke' | 'disable';
    }
  | {
      /** The tenant's row changed (its plan, name or origins): every node drops what it kept of it. */
      kind: 'tenant';
      tenantId: string;
      /** The row as committed: open connections take it at once, before any store read. */
      tenant: TenantRow;
    };

export type BusHandler = (message: BusMessage) => void;

/**
 * Why the bus asks its subscribers to catch up from the store: it was cut from the other nodes
 * (`reconnected`), another node could not publish for a while (`peer-lost-publishes`), or a node
 * died and may have committed messages it never published (`node-lost`).
 */
export type ResyncReason = 'reconnected' | 'peer-lost-publishes' | 'node-lost';

export type ResyncHandler = (reason: ResyncReason) => void;

/** A node of the cluster, as its last heartbeat described it. */
export interface NodeInfo {
  nodeId: string;
  startedAt: number;
  /** Open client connections at the last heartbeat. */
  connections: number;
}

/** Who is online, across the nodes of the cluster. */
export interface Presence {
  /** A connection of the user opened on this node. */
  connected(tenantId: string, userId: string): void;
  /** A connection of the user closed on this node. */
  disconnected(tenantId: string, userId: string): void;
  /** The given users that have a connection on some live node. */
  online(tenantId: string, userIds: readonly string[]): Promise<Set<string>>;
  /** The live nodes (this one included). */
  nodes(): Promise<NodeInfo[]>;
}

/** Fan-out between the nodes of a cluster (and within one). At-most-once: the store is the truth. */
export interface Bus {
  readonly name: string;
  /** This node's id, fresh at every start. */
  readonly nodeId: string;
  readonly presence: Presence;
  /** Whether the bus currently reaches the other nodes (always true for the in-process bus). */
  readonly connected: boolean;
  publish(message: BusMessage): void;
  subscribe(handler: BusHandler): () => void;
  /** Called when events may have been missed and subscribers should catch up from the store. */
  onResync(handler: ResyncHandler): () => void;
  close(): Promise<void>;
}
