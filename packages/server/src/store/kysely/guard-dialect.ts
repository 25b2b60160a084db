import type {
  CompiledQuery,
  DatabaseConnection,
  DatabaseIntrospector,
  Dialect,
  DialectAdapter,
  Driver,
  Kysely,
  QueryCompiler,
  QueryResult,
  TransactionSettings,
} from 'kysely';
import { ParleyError } from '@parley/protocol';
import { classifyDbError } from './db-errors.js';

/**
 * The one place where a lost, refused or busy database becomes `ParleyError('E_UNAVAILABLE')` (a
 * retriable error) instead of a raw driver error: every connection, query and transaction step of the
 * wrapped dialect goes through it. Other driver errors pass through unchanged for the store to read.
 */
export function guardDialect(inner: Dialect): Dialect {
  return {
    createAdapter: (): DialectAdapter => inner.createAdapter(),
    createDriver: (): Driver => new GuardedDriver(inner.createDriver(), translateUnavailable),
    createIntrospector: (db: Kysely<unknown>): DatabaseIntrospector => inner.createIntrospector(db),
    createQueryCompiler: (): QueryCompiler => inner.createQueryCompiler(),
  };
}

/** A driver error saying the database is lost, refused or busy, as E_UNAVAILABLE; any other unchanged. */
export function translateUnavailable(err: unknown): unknown {
  if (err instanceof ParleyError || classifyDbError(err) !== 'unavailable') return err;
  const unavailable = new ParleyError('E_UNAVAILABLE', undefined, { retryAfter: 1 });
  unavailable.cause = err;
  return unavailable;
}

type Translate = (err: unknown) => unknown;

class GuardedConnection implements DatabaseConnection {
  constructor(
    readonly inner: DatabaseConnection,
    private readonly translate: Translate,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    try {
      return await this.inner.executeQuery<R>(query);
    } catch (err) {
      throw this.translate(err);
    }
  }

  async *streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    try {
      yield* this.inner.streamQuery<R>(query, chunkSize);
    } catch (err) {
      throw this.translate(err);
    }
  }
}

/** The engine's driver sees its own connection objects; Kysely sees the guarded ones. */
function unwrap(connection: DatabaseConnection): DatabaseConnection {
  return connection instanceof GuardedConnection ? connection.inner : connection;
}

class GuardedDriver implements Driver {
  constructor(
    private readonly inner: Driver,
    private readonly translate: Translate,
  ) {}

  private async guard<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      throw this.translate(err);
    }
  }

  init(): Promise<void> {
    return this.guard(() => this.inner.init());
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await this.guard(() => this.inner.acquireConnection());
    return new GuardedConnection(connection, this.translate);
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.guard(() => this.inner.beginTransaction(unwrap(connection), settings));
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.guard(() => this.inner.commitTransaction(unwrap(connection)));
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.guard(() => this.inner.rollbackTransaction(unwrap(connection)));
  }

  savepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    return this.guard(() => {
      if (this.inner.savepoint === undefined) throw unsupported('savepoint');
      return this.inner.savepoint(unwrap(connection), name, compile);
    });
  }

  rollbackToSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    return this.guard(() => {
      if (this.inner.rollbackToSavepoint === undefined) throw unsupported('rollbackToSavepoint');
      return this.inner.rollbackToSavepoint(unwrap(connection), name, compile);
    });
  }

  releaseSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    return this.guard(() => {
      if (this.inner.releaseSavepoint === undefined) throw unsupported('releaseSavepoint');
      return this.inner.releaseSavepoint(unwrap(connection), name, compile);
    });
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.guard(() => this.inner.releaseConnection(unwrap(connection)));
  }

  destroy(): Promise<void> {
    return this.guard(() => this.inner.destroy());
  }
}

function unsupported(method: string): Error {
  return new Error(`the driver does not support ${method}`);
}
