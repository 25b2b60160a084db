import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/**
 * Kysely prepares every query it runs; preparing costs more than running a small statement, so the
 * database handed to Kysely keeps the most recently used statements (the store's SQL is a small,
 * fixed set of shapes). Safe because Kysely runs one statement at a time on the single connection
 * and the store never streams.
 */
export function cachingDatabase(db: BetterSqlite3.Database, capacity = 512): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    prepare(sql: string): SqliteStatement {
      let statement = cache.get(sql);
      if (statement !== undefined) {
        // Re-insert: a Map iterates in insertion order, so its first key is the least recently used.
        cache.delete(sql);
      } else {
        statement = db.prepare(sql);
        if (cache.size >= capacity) {
          const oldest = cache.keys().next();
          if (oldest.done !== true) cache.delete(oldest.value);
        }
      }
      cache.set(sql, statement);
      return statement;
    },
    close(): void {
      cache.clear();
      db.close();
    },
  };
}
