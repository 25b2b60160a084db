import { createServer, connect, type Server, type Socket } from 'node:net';

interface Pair {
  client: Socket;
  upstream: Socket;
  frozen: boolean;
}

/**
 * A TCP proxy between clients and a server, for fault tests: it forwards bytes both ways and, on
 * demand, kills live connections (a TCP reset to the client), freezes them (bytes stop flowing, the
 * sockets stay open: a dead network path) or refuses new ones.
 *
 * @example
 * ```ts
 * const proxy = await ChaosProxy.start(server.url);
 * const client = new ParleyClient({ url: proxy.url, token });
 * proxy.killRandom(0.5);
 * ```
 */
export class ChaosProxy {
  /** `http://127.0.0.1:<port>` of the proxy. */
  readonly url: string;
  /** Connections killed so far. */
  kills = 0;
  /** Connections accepted so far. */
  accepted = 0;
  #refusing = false;
  readonly #pairs = new Set<Pair>();

  private constructor(
    private readonly server: Server,
    port: number,
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  /** Starts a proxy on an ephemeral port forwarding to `target` (`http://host:port`). */
  static async start(target: string): Promise<ChaosProxy> {
    const { hostname, port } = new URL(target);
    const ref: { proxy?: ChaosProxy } = {};
    const server = createServer((client) => ref.proxy?.accept(client, hostname, Number(port)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('proxy has no port');
    ref.proxy = new ChaosProxy(server, address.port);
    return ref.proxy;
  }

  /** Connections currently open through the proxy. */
  get live(): number {
    return this.#pairs.size;
  }

  /** New connections are reset at once while refusing. */
  set refusing(on: boolean) {
    this.#refusing = on;
  }

  /** Kills every live connection; returns how many. */
  killAll(): number {
    return this.#kill([...this.#pairs]);
  }

  /** Kills each live connection with probability `share`; returns how many. */
  killRandom(share = 0.5): number {
    return this.#kill([...this.#pairs].filter(() => Math.random() < share));
  }

  /** Stops forwarding on every live connection without closing it (a silent network). */
  freezeAll(): number {
    for (const pair of this.#pairs) {
      pair.frozen = true;
      pair.client.unpipe(pair.upstream);
      pair.upstream.unpipe(pair.client);
      pair.client.pause();
      pair.upstream.pause();
    }
    return this.#pairs.size;
  }

  async close(): Promise<void> {
    this.killAll();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket, host: string, port: number): void {
    if (this.#refusing) {
      client.resetAndDestroy();
      return;
    }
    this.accepted++;
    const upstream = connect(port, host);
    const pair: Pair = { client, upstream, frozen: false };
    this.#pairs.add(pair);
    const drop = (): void => {
      if (!this.#pairs.delete(pair)) return;
      client.destroy();
      upstream.destroy();
    };
    client.on('error', drop);
    upstream.on('error', drop);
    client.on('close', drop);
    upstream.on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
  }

  #kill(pairs: Pair[]): number {
    for (const pair of pairs) {
      this.#pairs.delete(pair);
      pair.client.resetAndDestroy();
      pair.upstream.destroy();
    }
    this.kills += pairs.length;
    return pairs.length;
  }
}
