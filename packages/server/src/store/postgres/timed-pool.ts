import type pg from 'pg';
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';

export interface TimedPoolOptions {
  /** A query without an answer by then fails and its connection is discarded. */
  queryTimeoutMs: number;
  /** While the database is unreachable, how often a probe checks whether it is back. */
  probeMs: number;
}

/** An error pg-classification reads as "the database is unreachable" (SQLSTATE 08006). */
function unreachable(message: string): Error {
  return Object.assign(new Error(message), { code: '08006' });
}

/**
 * The pg pool as Kysely sees it, with the two bounds a network partition needs: a database that holds
 * packets without refusing them would otherwise hang every query (and every request behind it) until
 * TCP gives up, minutes later. A query unanswered within `queryTimeoutMs` fails and its connection
 * leaves the pool; after such a timeout, or a connection that cannot be made, the database counts as
 * unreachable: new checkouts fail at once (E_UNAVAILABLE through the store's error mapping) while a
 * probe every `probeMs` waits for it to answer again.
 */
export class TimedPool implements PostgresPool {
  private readonly clients = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  private probe: NodeJS.Timeout | undefined;
  private ended = false;
  private unboundedRuns = 0;

  constructor(
    private readonly pool: pg.Pool,
    private readonly opts: TimedPoolOptions,
  ) {}

  /** False from a timeout or failed connect until a probe gets an answer. */
  get reachable(): boolean {
    return this.probe === undefined;
  }

  async connect(): Promise<PostgresPoolClient> {
    if (!this.reachable) throw unreachable('The database is unreachable');
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (err) {
      this.markUnreachable();
      throw err;
    }
    let timed = this.clients.get(client);
    if (!timed) {
      timed = this.wrap(client);
      this.clients.set(client, timed);
    }
    return timed;
  }

  /** Runs `run` with no query time limit (migrations; nothing else runs at start-up). */
  async unbounded<T>(run: () => Promise<T>): Promise<T> {
    this.unboundedRuns++;
    try {
      return await run();
    } finally {
      this.unboundedRuns--;
    }
  }

  async end(): Promise<void> {
    this.ended = true;
    clearInterval(this.probe);
    await this.pool.end();
  }

  private wrap(client: pg.PoolClient): PostgresPoolClient {
    let discarded = false;
    const query = async <R>(sql: string, parameters: readonly unknown[]): Promise<PostgresQueryResult<R>> => {
      if (discarded) throw unreachable('Connection discarded after a timeout');
      if (this.unboundedRuns > 0) return client.query(sql, parameters as unknown[]) as unknown as Promise<PostgresQueryResult<R>>;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          discarded = true;
          this.markUnreachable();
          // The pool ends this client and never hands it out again; its late answer, if any, is dropped.
          client.release(new Error('query timeout'));
          reject(unreachable(`No answer from the database within ${this.opts.queryTimeoutMs} ms`));
        }, this.opts.queryTimeoutMs);
      });
      try {
        const result = client.query(sql, parameters as unknown[]) as unknown as Promise<PostgresQueryResult<R>>;
        return await Promise.race([result, timeout]);
      } finally {
        clearTimeout(timer);
      }
    };
    return {
      query: query as PostgresPoolClient['query'],
      release: () => {
        if (!discarded) client.release();
      },
    };
  }

  private markUnreachable(): void {
    if (this.probe !== undefined || this.ended) return;
    let probing = false;
    this.probe = setInterval(() => {
      if (probing) return;
      probing = true;
      void this.answers().then((ok) => {
        probing = false;
        if (ok && this.probe !== undefined) {
          clearInterval(this.probe);
          this.probe = undefined;
        }
      });
    }, this.opts.probeMs);
    this.probe.unref();
  }

  /** Whether a fresh connection answers `select 1` within the query timeout. */
  private async answers(): Promise<boolean> {
    let client: pg.PoolClient | undefined;
    let timer: NodeJS.Timeout | undefined;
    try {
      client = await this.pool.connect();
      const checked = client;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('probe timeout')), this.opts.queryTimeoutMs);
      });
      await Promise.race([checked.query('select 1'), timeout]);
      checked.release();
      return true;
    } catch (err) {
      client?.release(err instanceof Error ? err : new Error('probe failed'));
      return false;
    } finally {
      clearTimeout(timer);
    }
  }
}
