// A target as running processes: one server, or for `parley-cluster` two Parley nodes on the same
// PostgreSQL schema and Redis prefix. Every node is pinned to the server core, so a cluster gets the
// same CPU as one node and its figure shows what the cross-node path costs, not extra hardware.
import { startServer } from './servers.js';
import type { ServerData, ServerHandle } from './servers.js';
import type { TargetName } from './args.js';

export interface Deployment {
  nodes: ServerHandle[];
  pids: number[];
  wsUrls: string[];
  httpUrl: string;
  stop(): Promise<void>;
}

export interface DeployOptions {
  root: string;
  cpu: number;
  readyTimeoutMs: number;
  /** Nodes to start (1 for set-up, whatever the target runs on for measuring). */
  nodes: number;
  nodeArgs?: string[];
}

export function nodesOf(target: TargetName): number {
  return target === 'parley-cluster' ? 2 : 1;
}

export async function deploy(target: TargetName, data: ServerData, opts: DeployOptions): Promise<Deployment> {
  const nodes: ServerHandle[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(nodes.map((n) => n.stop()));
  };
  try {
    // The first node migrates; the others start after it, as the cluster tests do.
    for (let node = 0; node < opts.nodes; node++) {
      nodes.push(await startServer(target, { root: opts.root, cpu: opts.cpu, readyTimeoutMs: opts.readyTimeoutMs, data, node, nodeArgs: opts.nodeArgs }));
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    nodes,
    pids: nodes.map((n) => n.pid),
    wsUrls: nodes.map((n) => `ws://127.0.0.1:${n.port}`),
    httpUrl: `http://127.0.0.1:${nodes[0]!.port}`,
    stop,
  };
}
