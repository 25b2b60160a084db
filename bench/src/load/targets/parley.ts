// Parley as a target, over its real protocol: users, chats and tokens from the admin REST API, then
// one authenticated WebSocket per user. Senders use `send` with a client id (idempotent sends, as the
// SDK does); receivers acknowledge with `delivered` receipts, batched the way a real client would:
// at most one receipt in flight, carrying the highest seq seen so far.
import { randomUUID } from 'node:crypto';
import { ParleyClient } from '../ws-client.js';
import { mapLimit } from '../map-limit.js';
import { ParleyAdmin } from './parley-admin.js';
import type { PairChannel } from '../pairs.js';
import type { FanoutChannel } from '../fanout.js';
import type { Connector } from '../idle.js';
import type { FanoutSet, FanoutState, PairSet, PairState, Target, TargetHealth } from './target.js';

export interface ParleyTargetOptions {
  /** One per node: senders connect to the first, receivers to the last (across nodes on a cluster). */
  wsUrls: string[];
  httpUrl: string;
  adminKey: string;
  timeoutMs: number;
  /** Members per group chat in the idle scenario (every idle user is in one chat). */
  idleChatSize: number;
  /** Admin requests in flight at once during set-up. */
  setupConcurrency: number;
  /** Receivers send `delivered` receipts (off only to diagnose what receipts cost). */
  receipts: boolean;
}

/** Tokens outlive a whole bench run (set-up happens once, runs follow for minutes). */
const TOKEN_TTL_SECONDS = 3600;

/** Sends `delivered` receipts: one in flight at a time, each for the highest seq received so far. */
class ReceiptBatcher {
  #highest = 0;
  #inFlight = false;

  constructor(
    private readonly client: ParleyClient,
    private readonly chatId: string,
  ) {}

  received(seq: number): void {
    if (seq > this.#highest) this.#highest = seq;
    if (!this.#inFlight) this.#flush();
  }

  #flush(): void {
    const seq = this.#highest;
    this.#inFlight = true;
    this.client.request('receipt', { chatId: this.chatId, kind: 'delivered', seq }, () => {
      this.#inFlight = false;
      if (this.#highest > seq) this.#flush();
    });
  }
}

function connectAndResume(wsUrl: string, opts: ParleyTargetOptions, token: string): Promise<ParleyClient> {
  return ParleyClient.connect(wsUrl, token, opts.timeoutMs).then(async (client) => {
    // A real client resumes first; until then the server may hold live events (docs/protocol.md).
    await client.call('resume', { cursors: {} }, opts.timeoutMs);
    return client;
  });
}

function health(clients: ParleyClient[]): () => TargetHealth {
  return () => {
    const failing = clients.find((c) => c.errors > 0);
    return {
      errors: clients.reduce((sum, c) => sum + c.errors, 0),
      lastError: failing?.lastError ?? '',
      unexpectedCloses: clients.filter((c) => c.closedUnexpectedly).length,
    };
  };
}

export function parleyTarget(opts: ParleyTargetOptions): Target {
  const admin = new ParleyAdmin(opts.httpUrl, opts.adminKey);
  const limit = opts.setupConcurrency;
  const first = opts.wsUrls[0]!;
  const last = opts.wsUrls[opts.wsUrls.length - 1]!;

  return {
    async setupPairs(n: number): Promise<PairState> {
      const userIds = await mapLimit(2 * n, limit, (i) => admin.createUser(i < n ? `sender ${i}` : `receiver ${i - n}`));
      const chats = await mapLimit(n, limit, (i) => admin.createChat('direct', [userIds[i]!, userIds[n + i]!]));
      const tokens = await mapLimit(2 * n, limit, (i) => admin.issueToken(userIds[i]!, TOKEN_TTL_SECONDS));
      const user = (i: number) => ({ id: userIds[i]!, credential: tokens[i]! });
      return {
        senders: Array.from({ length: n }, (_, i) => user(i)),
        receivers: Array.from({ length: n }, (_, i) => user(n + i)),
        chats,
      };
    },

    async openPairs(state: PairState): Promise<PairSet> {
      const n = state.senders.length;
      const users = [...state.senders, ...state.receivers];
      const clients = await mapLimit(2 * n, 50, (i) => connectAndResume(i < n ? first : last, opts, users[i]!.credential));

      const pairs = Array.from({ length: n }, (_, i): PairChannel => {
        const sender = clients[i]!;
        const receiver = clients[n + i]!;
        const chatId = state.chats[i]!;
        const receiverId = state.receivers[i]!.id;
        const receipts = new ReceiptBatcher(receiver, chatId);
        const channel: PairChannel = {
          send: (text) =>
            sender.request('send', { chatId, id: randomUUID(), messageType: 'TEXT', content: { text } }),
          onReceive: () => undefined,
        };
        receiver.onEvent = (frame) => {
          if (frame.event !== 'message' || frame.data.senderId === receiverId) return;
          if (opts.receipts) receipts.received(frame.data.seq);
          channel.onReceive(String(frame.data.content.text));
        };
        return channel;
      });

      return { pairs, health: health(clients), close: () => clients.forEach((c) => c.close()) };
    },

    async setupFanout(chats: number, members: number): Promise<FanoutState> {
      const n = chats * members;
      const userIds = await mapLimit(n, limit, (i) => admin.createUser(`group ${Math.floor(i / members)} member ${i % members}`));
      const tokens = await mapLimit(n, limit, (i) => admin.issueToken(userIds[i]!, TOKEN_TTL_SECONDS));
      const ids = await mapLimit(chats, limit, (c) => admin.createChat('group', userIds.slice(c * members, (c + 1) * members)));
      return {
        chats: ids.map((id, c) => ({
          id,
          members: Array.from({ length: members }, (_, m) => ({ id: userIds[c * members + m]!, credential: tokens[c * members + m]! })),
        })),
      };
    },

    async openFanout(state: FanoutState, senders: number): Promise<FanoutSet> {
      const all = state.chats.flatMap((chat) => chat.members.map((m, k) => ({ ...m, sender: k < senders })));
      // On a cluster, senders on the first node and everyone else on the last.
      const clients = await mapLimit(all.length, 50, (i) => connectAndResume(all[i]!.sender ? first : last, opts, all[i]!.credential));
      let offset = 0;
      const chats = state.chats.map((chat): FanoutChannel => {
        const mine = clients.slice(offset, offset + chat.members.length);
        offset += chat.members.length;
        const chatId = chat.id;
        const channel: FanoutChannel = {
          receivers: chat.members.length - 1,
          senders: mine.slice(0, senders).map((client) => (text: string) =>
            client.request('send', { chatId, id: randomUUID(), messageType: 'TEXT', content: { text } }),
          ),
          onReceive: () => undefined,
        };
        mine.forEach((client, k) => {
          const self = chat.members[k]!.id;
          const receipts = new ReceiptBatcher(client, chatId);
          client.onEvent = (frame) => {
            if (frame.event !== 'message' || frame.data.senderId === self) return;
            if (opts.receipts) receipts.received(frame.data.seq);
            channel.onReceive(String(frame.data.content.text));
          };
        });
        return channel;
      });
      return { chats, health: health(clients), close: () => clients.forEach((c) => c.close()) };
    },

    async setupIdle(n: number): Promise<string[]> {
      const userIds = await mapLimit(n, limit, (i) => admin.createUser(`idle ${i}`));
      const size = Math.max(2, opts.idleChatSize);
      await mapLimit(Math.ceil(n / size), limit, (c) => {
        const members = userIds.slice(c * size, (c + 1) * size);
        // A lone last user still gets a chat: a direct one with the first user.
        return members.length >= 2
          ? admin.createChat(size === 2 ? 'direct' : 'group', members)
          : admin.createChat('direct', [members[0]!, userIds[0]!]);
      });
      return mapLimit(n, limit, (i) => admin.issueToken(userIds[i]!, TOKEN_TTL_SECONDS));
    },

    idleConnector: (tokens): Connector => (index) => ParleyClient.connect(opts.wsUrls[index % opts.wsUrls.length]!, tokens[index]!, opts.timeoutMs),
  };
}
