import type { OpName } from '@parley/protocol';
import { EmptySchema, validator } from '@parley/protocol';
import type { GatewayServices } from './gateway-services.js';
import type { Connection } from './connection.js';
import { MESSENGER_OPS } from './messenger-ops.js';

const empty = validator(EmptySchema);

export type OpHandler = (services: GatewayServices, conn: Connection, data: unknown) => Promise<unknown>;

/** Every WebSocket operation but `resume` and `auth` (which the gateway runs itself): a thin call into a service. */
export const OPS: Record<Exclude<OpName, 'resume' | 'auth'>, OpHandler> = {
  send: (s, conn, data) => s.messages.send(conn.actor, data, { origin: conn.id }),
  receipt: (s, conn, data) => s.receipts.mark(conn.actor, data),
  typing: async (s, conn, data) => {
    await s.typing.set(conn.actor, data, conn.id);
    return {};
  },
  history: (s, conn, data) => s.messages.history(conn.actor, data),
  chats: (s, conn, data) => {
    empty.parse(data ?? {});
    return s.chats.recent(conn.actor);
  },
  ping: (_s, _conn, data) => {
    empty.parse(data ?? {});
    return Promise.resolve({ ts: Date.now() });
  },
  ...MESSENGER_OPS,
};
