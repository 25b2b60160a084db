import type { Kysely } from 'kysely';
import type { ErrorCode } from '@parley/protocol';
import { ParleyError } from '@parley/protocol';
import { classifyDbError } from './db-errors.js';
import type { Database } from './db-types.js';

/** The tables foreign keys point at, each with the code for its missing row. */
const MISSING_ROW = {
  tenants: 'E_TENANT_NOT_FOUND',
  chats: 'E_CHAT_NOT_FOUND',
} as const satisfies Record<string, ErrorCode>;

export type ReferencedTable = keyof typeof MISSING_ROW;

/** What a write may run into: the code for a taken key, and the rows it references from outside itself. */
export interface WriteExpectations {
  /** The code when a unique or primary key is taken; unset, the driver error goes up unchanged. */
  unique?: ErrorCode;
  /**
   * The referenced rows the write does not create itself, most general first (the tenant before its
   * chat): when the engine does not say which reference failed (SQLite), the first missing one is it.
   */
  references?: readonly (readonly [ReferencedTable, string])[];
}

/** PostgreSQL names the referenced table in the error's detail. */
const REFERENCED_TABLE = /is not present in table "([^"]+)"/;

/**
 * Runs a write, turning a taken key or a missing referenced row into its ParleyError (the driver error
 * as its cause), the same way for every store area and engine. Other errors go up unchanged.
 */
export async function mapWriteErrors<T>(db: Kysely<Database>, expect: WriteExpectations, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    const kind = classifyDbError(err);
    const code = kind === 'unique' ? expect.unique : kind === 'foreign_key' ? await missingReference(db, err, expect.references ?? []) : undefined;
    if (code === undefined) throw err;
    const mapped = new ParleyError(code);
    mapped.cause = err;
    throw mapped;
  }
}

/** The code of the reference that failed: as the engine names it, else the first referenced row missing now. */
async function missingReference(
  db: Kysely<Database>,
  err: unknown,
  references: readonly (readonly [ReferencedTable, string])[],
): Promise<ErrorCode | undefined> {
  const named = namedTable(err);
  if (named !== undefined) return named in MISSING_ROW ? MISSING_ROW[named as ReferencedTable] : 'E_NOT_FOUND';
  for (const [table, id] of references) {
    const row = await db.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst();
    if (row === undefined) return MISSING_ROW[table];
  }
  return undefined;
}

function namedTable(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null || !('detail' in err) || typeof err.detail !== 'string') return undefined;
  return REFERENCED_TABLE.exec(err.detail)?.[1];
}
