import type { Services } from '../../domain/index.js';
import type { Connection } from './connection.js';

const PAGE = 200;

/**
 * Writes the chat's messages after `after` up to `until` (inclusive) from the store to the
 * connection as `message` events, in seq order, skipping those `skip` says the client already has.
 * Resolves to the highest seq read (at least `after`).
 */
export async function replayChat(
  services: Services,
  conn: Connection,
  chatId: string,
  after: number,
  until: number,
  skip: (seq: number) => boolean = () => false,
): Promise<{ through: number; written: number }> {
  let through = after;
  let written = 0;
  while (through < until && !conn.isClosed) {
    const rows = await services.store.listMessages(chatId, { after: through, limit: PAGE });
    if (rows.length === 0) break;
    for (const row of rows) {
      if (row.seq > until) return { through: until, written };
      through = row.seq;
      if (skip(row.seq)) continue;
      const message = await services.reader.toMessage(row);
      conn.noteMessage(chatId, row.seq, JSON.stringify({ t: 'event', event: 'message', data: message }));
      written++;
    }
  }
  return { through, written };
}
