import type { GatewayServices } from './gateway-services.js';
import type { Connection } from './connection.js';

const PAGE = 200;

/**
 * Writes the chat's messages after `after` up to `until` (inclusive), as its user may see them (the
 * message finder's rules: nothing they cleared or deleted for themselves), to the connection as
 * `message` events, in seq order, skipping those `skip` says the client already has. Resolves to
 * the highest seq accounted for — hidden messages included, so the client's cursor moves past them
 * (at least `after`) — and the number of messages written.
 */
export async function replayChat(
  services: GatewayServices,
  conn: Connection,
  chatId: string,
  after: number,
  until: number,
  skip: (seq: number) => boolean = () => false,
): Promise<{ through: number; written: number }> {
  let through = after;
  let written = 0;
  // Most chats of a resume are up to date: no query for them.
  if (through >= until) return { through, written };
  const { finder } = services.messages;
  const chat = { id: chatId, tenantId: conn.tenantId };
  const viewer = await finder.viewer(chatId, conn.userId);
  while (through < until && !conn.isClosed) {
    const page = await finder.readAfter(chat, viewer, through, { limit: PAGE, untilSeq: until });
    for (const message of page.messages) {
      if (skip(message.seq)) continue;
      conn.noteMessage(chatId, message.seq, JSON.stringify({ t: 'event', event: 'message', data: message }));
      written++;
    }
    through = Math.max(through, page.through);
    if (!page.hasMore) break;
  }
  return { through, written };
}
