import type { CannedResponse } from '@parley/protocol';
import type { CannedRow } from '../../store/index.js';

/** A canned response as the API answers it (the tenant is the caller's). */
export function toCannedResponse(row: CannedRow): CannedResponse {
  return {
    id: row.id,
    shortcut: row.shortcut,
    text: row.text,
    scope: row.scope,
    departmentId: row.departmentId,
    ownerId: row.ownerId,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
