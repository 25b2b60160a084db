// The bus conformance suite: the same tests against every bus (in-process, Redis), as the store suite
// does for stores. It asserts what a subscriber and a presence reader see, never how a bus does it.
// The Redis bus runs on a private redis-server on an ephemeral port, so the outage test can kill and
// restart it without touching the machine's shared Redis.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { after, before, describe } from 'node:test';
import type { Bus, ClusterBusOptions } from '../../src/bus/index.js';
import { InProcessBus, InProcessHub, RedisBus } from '../../src/bus/index.js';
import { PrivateRedis } from '../helpers/cluster.js';
import type { TestBusBackend, TestCluster } from './conformance/context.js';
import { fanOutConformance } from './conformance/fan-out.js';
import { outageConformance } from './conformance/outage.js';
import { presenceConformance } from './conformance/presence.js';

for (const backend of [inProcessBackend(), redisBackend()]) {
  describe(`bus conformance: ${backend.name}`, { skip: backend.skip ?? false }, () => {
    before(() => backend.start());
    after(() => backend.stop());
    fanOutConformance(backend);
    presenceConformance(backend);
    outageConformance(backend);
  });
}

/** Collects the nodes a cluster makes, so a failing test still closes them. */
function clusterOf(open: (opts: ClusterBusOptions) => Promise<Bus>): TestCluster {
  const nodes: Bus[] = [];
  return {
    async node(opts = {}) {
      const node = await open(opts);
      nodes.push(node);
      return node;
    },
    async close() {
      await Promise.all(nodes.map((node) => node.close()));
    },
  };
}

function inProcessBackend(): TestBusBackend {
  return {
    name: 'in-process',
    start: () => Promise.resolve(),
    cluster() {
      const hub = new InProcessHub();
      return clusterOf((opts) => Promise.resolve(new InProcessBus(hub, opts)));
    },
    stop: () => Promise.resolve(),
  };
}

function redisBackend(): TestBusBackend {
  let redis: PrivateRedis | undefined;
  const running = (): PrivateRedis => {
    if (redis === undefined) throw new Error('the private redis-server is not running');
    return redis;
  };
  return {
    name: 'redis',
    ...skipWithoutRedisServer(),
    async start() {
      redis = await PrivateRedis.start();
    },
    cluster() {
      // A prefix per cluster: its nodes share a channel and presence keys with no other test.
      const prefix = `parley-bus-test-${randomUUID()}:`;
      return clusterOf((opts) => RedisBus.connect({ url: running().url, prefix, ...opts }));
    },
    outage: {
      cut: () => running().kill(),
      restore: () => running().restart(),
    },
    async stop() {
      await redis?.kill();
    },
  };
}

/** redis-server must be installed for the Redis half; when CI requires services, its absence fails the run. */
function skipWithoutRedisServer(): { skip?: string } {
  const probe = spawnSync('redis-server', ['--version'], { stdio: 'ignore' });
  if (probe.error === undefined) return {};
  const reason = `redis-server is not installed (${probe.error.message})`;
  if (isSet(process.env.CI) || isSet(process.env.PARLEY_REQUIRE_SERVICES)) throw new Error(`${reason}, and CI / PARLEY_REQUIRE_SERVICES requires it`);
  return { skip: reason };
}

function isSet(value: string | undefined): boolean {
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}
