import type { Bus, ClusterBusOptions } from '../../../src/bus/index.js';

/** One backend's way to make clusters of bus nodes, for the suite that runs against every bus. */
export interface TestBusBackend {
  readonly name: 'in-process' | 'redis';
  /** Why this backend's suite is skipped (its service cannot run here and no CI requires it). */
  readonly skip?: string;
  /** Starts what the backend needs (a private Redis). */
  start(): Promise<void>;
  /** A new cluster whose nodes hear each other and no other cluster's. */
  cluster(): TestCluster;
  /**
   * Cuts every node from the others and brings them back: what a Redis outage does. Undefined for a
   * backend with no link to lose.
   */
  readonly outage?: { cut(): Promise<void>; restore(): Promise<void> };
  /** Stops what `start` started. */
  stop(): Promise<void>;
}

export interface TestCluster {
  /** Another node of the cluster, connected. */
  node(opts?: ClusterBusOptions): Promise<Bus>;
  /** Closes every node this cluster made. */
  close(): Promise<void>;
}
