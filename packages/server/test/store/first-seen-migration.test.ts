// The upgrade that brings the history of seen moves: a database migrated before it keeps a
// `messageSeen` for every message that had one, on SQLite and PostgreSQL.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type Migration } from 'kysely';
import type { Store } from '../../src/store/index.js';
import { openSqliteStore } from '../../src/store/index.js';
import { migrationProvider } from '../../src/store/kysely/migrations/index.js';
import { FirstSeen } from '../../src/domain/messages/first-seen.js';
import { appendOk } from './conformance/support.js';
import { messageTo } from '../helpers/store-rows.js';
import { testStores } from '../helpers/stores.js';

const UPGRADE = '0004-first-seen';

/** Every migration but the upgrade's, as a database that ran them before it existed. */
async function migrateBefore(db: Kysely<unknown>, nativeBooleans: boolean, schema?: string): Promise<void> {
  const all = await migrationProvider({ nativeBooleans }).getMigrations();
  const before: Record<string, Migration> = Object.fromEntries(Object.entries(all).filter(([name]) => name !== UPGRADE));
  const migrator = new Migrator({ db, provider: { getMigrations: () => Promise.resolve(before) }, migrationTableSchema: schema });
  const { error } = await migrator.migrateToLatest();
  if (error !== undefined) throw error instanceof Error ? error : new Error('migration failed');
}

/** A chat where Alice sent two messages and Bob read both at 5000, written as the old schema holds it. */
async function oldChat(db: Kysely<unknown>, no: unknown): Promise<void> {
  await sql`insert into tenants (id, domain, name, contact_center_id, plan, allowed_origins, created_at)
    values ('T1', 't1', 'T1', '00000000-0000-4000-8000-000000000001', ${JSON.stringify({ name: 'free', features: [], limits: { maxFileBytes: 1, maxMessagesPerMinute: 1 } })}, '[]', 1)`.execute(db);
  await sql`insert into chats (id, tenant_id, kind, state, title, direct_key, last_seq, last_message_at, created_at, created_by, meta)
    values ('C1', 'T1', 'group', 'open', '', null, 2, 1100, 1, 'alice', '{}')`.execute(db);
  for (const [user, seq, at] of [
    ['alice', 2, 1100],
    ['bob', 2, 5000],
  ] as const) {
    await sql`insert into members (chat_id, tenant_id, user_id, role, joined_at, delivered_seq, delivered_at, seen_seq, seen_at, muted, archived, cleared_seq, hidden)
      values ('C1', 'T1', ${user}, 'member', 1, ${seq}, ${at}, ${seq}, ${at}, ${no}, ${no}, 0, ${no})`.execute(db);
  }
  for (const [seq, ts] of [
    [1, 1000],
    [2, 1100],
  ] as const) {
    await sql`insert into messages (chat_id, seq, tenant_id, id, sender_id, message_type, content, reply_to, mentions, forwarded_from, ts, body_hash)
      values ('C1', ${seq}, 'T1', ${`m${seq}`}, 'alice', 'TEXT', '{"text":"hi"}', '', '[]', null, ${ts}, ${`h${seq}`})`.execute(db);
  }
}

async function checkUpgraded(store: Store): Promise<void> {
  await store.migrate();
  const members = await store.listMembers('C1', { includeLeft: true });
  const rows = await store.listMessages('C1', { after: 0, limit: 10 });
  assert.deepEqual(
    rows.map((r) => r.importedSeen),
    [undefined, undefined],
    'messages sent before the upgrade were not imported',
  );
  const seen = new FirstSeen(store);
  const times = await seen.of(rows, members);
  assert.deepEqual(
    rows.map((r) => times.get(r)),
    [5000, 5000],
    'the time they showed before the upgrade',
  );
  // Bob reads on: the upgraded messages keep their time.
  const chat = await store.getChat('C1');
  assert.ok(chat);
  const [third] = await appendOk(store, [messageTo(chat, 'alice', { ts: 6000 })]);
  await store.advanceWatermark('C1', 'bob', 'seen', 3, 7000);
  const all = [...rows, third!];
  const later = await seen.of(all, await store.listMembers('C1', { includeLeft: true }));
  assert.deepEqual(
    all.map((r) => later.get(r)),
    [5000, 5000, 7000],
  );
}

const postgres = (await testStores()).find((s) => s.name === 'postgres');

describe('the first-seen upgrade', () => {
  const dirs: string[] = [];
  after(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

  it('sqlite: backfills one move per member from the watermark', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'parley-upgrade-'));
    dirs.push(dir);
    const file = join(dir, 'parley.db');
    const old = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new Database(file) }) });
    await migrateBefore(old, false);
    await oldChat(old, 0);
    await old.destroy();
    const store = await openSqliteStore({ file });
    try {
      await checkUpgraded(store);
    } finally {
      await store.close();
    }
  });

  it('postgres: backfills one move per member from the watermark', { skip: postgres?.skip ?? !postgres?.postgres }, async () => {
    const { url, schema } = postgres!.postgres!;
    // Opening a store creates its schema; it migrates only when asked.
    const store = await postgres!.open({ migrate: false });
    const pool = new pg.Pool({ connectionString: url, max: 1, options: `-c search_path=${schema}` });
    const old = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
    try {
      await migrateBefore(old, true, schema);
      await oldChat(old, false);
      await checkUpgraded(store);
    } finally {
      await old.destroy();
      await postgres!.cleanup();
    }
  });
});
