import { connect, createServer, type Server, type Socket } from 'node:net';

interface Target {
  host: string;
  port: number;
}

interface Pair {
  client: Socket;
  upstream: Socket;
}

/**
 * A TCP proxy for cluster tests. With several targets it is a round-robin load balancer with
 * passive health checks (a refused connect moves on to the next target), so clients of a killed
 * node land on the others. With one target it is a cable to cut: `cut()` resets every connection
 * and refuses new ones until `restore()`.
 *
 * @example
 * const lb = await TcpProxy.start(nodes.map((n) => n.url));
 * const client = new ParleyClient({ url: lb.url, token });
 */
export class TcpProxy {
  readonly url: string;
  readonly port: number;
  /** Connections accepted and forwarded, per target index. */
  readonly forwarded: number[];
  private next = 0;
  private refusing = false;
  private holding = false;
  private readonly held: Socket[] = [];
  private readonly pairs = new Set<Pair>();

  private constructor(
    private readonly server: Server,
    port: number,
    private readonly targets: Target[],
  ) {
    this.port = port;
    this.url = `http://127.0.0.1:${port}`;
    this.forwarded = targets.map(() => 0);
  }

  /** Targets as `http://host:port`, `postgres://…@host:port/…` or `host:port`. */
  static async start(targets: string[], port = 0): Promise<TcpProxy> {
    const parsed = targets.map((t) => {
      const url = new URL(t.includes('://') ? t : `tcp://${t}`);
      return { host: url.hostname, port: Number(url.port) };
    });
    const ref: { proxy?: TcpProxy } = {};
    const server = createServer((client) => ref.proxy?.accept(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('proxy has no port');
    ref.proxy = new TcpProxy(server, address.port, parsed);
    return ref.proxy;
  }

  get live(): number {
    return this.pairs.size;
  }

  /** Resets every connection and refuses new ones (a dead network path to the targets). */
  cut(): number {
    this.refusing = true;
    return this.killAll();
  }

  restore(): void {
    this.refusing = false;
  }

  /**
   * A network partition that refuses nothing: bytes stop flowing both ways on every connection, and
   * new connections are accepted but never connected through, until `heal()`.
   */
  partition(): void {
    this.holding = true;
    for (const { client, upstream } of this.pairs) {
      client.unpipe(upstream);
      upstream.unpipe(client);
      client.pause();
      upstream.pause();
    }
  }

  heal(): void {
    this.holding = false;
    for (const { client, upstream } of this.pairs) {
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
      upstream.resume();
    }
    for (const client of this.held.splice(0)) this.dial(client, 0);
  }

  killAll(): number {
    for (const client of this.held.splice(0)) client.destroy();
    const pairs = [...this.pairs];
    for (const pair of pairs) {
      this.pairs.delete(pair);
      pair.client.resetAndDestroy();
      pair.upstream.destroy();
    }
    return pairs.length;
  }

  async close(): Promise<void> {
    this.killAll();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    if (this.refusing) {
      client.resetAndDestroy();
      return;
    }
    client.pause();
    client.on('error', () => client.destroy());
    if (this.holding) this.held.push(client);
    else this.dial(client, 0);
  }

  /** Tries the next target; a refused one passes the client on, up to one round of all targets. */
  private dial(client: Socket, attempt: number): void {
    if (attempt >= this.targets.length || client.destroyed) {
      client.destroy();
      return;
    }
    const index = this.next++ % this.targets.length;
    const target = this.targets[index] as Target;
    const upstream = connect(target.port, target.host);
    let connected = false;
    upstream.once('connect', () => {
      connected = true;
      if (this.refusing || client.destroyed) {
        upstream.destroy();
        client.destroy();
        return;
      }
      this.forwarded[index] = (this.forwarded[index] ?? 0) + 1;
      const pair: Pair = { client, upstream };
      this.pairs.add(pair);
      const drop = (): void => {
        if (!this.pairs.delete(pair)) return;
        client.destroy();
        upstream.destroy();
      };
      client.on('close', drop);
      upstream.on('close', drop);
      client.on('error', drop);
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
    });
    upstream.on('error', () => {
      upstream.destroy();
      if (!connected) this.dial(client, attempt + 1);
    });
  }
}

/** A TCP port free on loopback right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}
