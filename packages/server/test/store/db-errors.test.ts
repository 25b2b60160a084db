// The one classification of driver errors: both engines' codes, read from real driver errors where the
// engine can produce them cheaply, and from the codes the drivers document otherwise.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { classifyDbError } from '../../src/store/kysely/index.js';

const withCode = (code: string, message = code): Error => Object.assign(new Error(message), { code });

function sqliteError(run: (db: Database.Database) => void): unknown {
  const db = new Database(':memory:');
  try {
    db.pragma('foreign_keys = ON');
    db.exec('create table parent (id text primary key); create table child (id text primary key, parent_id text references parent(id))');
    run(db);
  } catch (err) {
    return err;
  } finally {
    db.close();
  }
  throw new Error('the statement did not fail');
}

describe('driver errors by kind', () => {
  it('reads SQLite constraint failures as better-sqlite3 throws them', () => {
    assert.equal(classifyDbError(sqliteError((db) => db.exec(`insert into parent values ('a'); insert into parent values ('a')`))), 'unique');
    assert.equal(classifyDbError(sqliteError((db) => db.exec(`insert into child values ('c', 'missing')`))), 'foreign_key');
  });

  it('reads a closed SQLite handle as unavailable', () => {
    const db = new Database(':memory:');
    db.close();
    let closed: unknown;
    try {
      db.exec('select 1');
    } catch (err) {
      closed = err;
    }
    assert.equal(classifyDbError(closed), 'unavailable');
  });

  it('sorts SQLite extended codes by their primary code', () => {
    for (const code of ['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_LOCKED_SHAREDCACHE', 'SQLITE_IOERR_WRITE', 'SQLITE_FULL']) {
      assert.equal(classifyDbError(withCode(code)), 'unavailable', code);
    }
    assert.equal(classifyDbError(withCode('SQLITE_CONSTRAINT_PRIMARYKEY')), 'unique');
    assert.equal(classifyDbError(withCode('SQLITE_CONSTRAINT_NOTNULL')), undefined);
  });

  it('sorts PostgreSQL SQLSTATEs, by class where a whole class means one thing', () => {
    const kinds = { '23505': 'unique', '23503': 'foreign_key', '40P01': 'retry', '40001': 'retry', '08006': 'unavailable', '53300': 'unavailable', '57P01': 'unavailable' };
    for (const [code, kind] of Object.entries(kinds)) assert.equal(classifyDbError(withCode(code)), kind, code);
    assert.equal(classifyDbError(withCode('23502')), undefined, 'a not-null violation is a bug, not a kind the store handles');
    assert.equal(classifyDbError(withCode('42P01')), undefined);
  });

  it('reads lost connections from sockets and from pg messages', () => {
    assert.equal(classifyDbError(withCode('ECONNREFUSED')), 'unavailable');
    assert.equal(classifyDbError(new AggregateError([withCode('ECONNREFUSED'), withCode('EHOSTUNREACH')])), 'unavailable');
    assert.equal(classifyDbError(new Error('Connection terminated unexpectedly')), 'unavailable');
    assert.equal(classifyDbError(new Error('something else')), undefined);
    assert.equal(classifyDbError('not an error'), undefined);
  });
});
