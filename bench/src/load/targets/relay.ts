// The baseline relay as a target: users are just names in the URL; a group is a `to` list.
import { RelayClient } from '../ws-client.js';
import { mapLimit } from '../map-limit.js';
import type { PairChannel } from '../pairs.js';
import type { FanoutChannel } from '../fanout.js';
import type { FanoutSet, FanoutState, PairSet, PairState, Target, TargetHealth } from './target.js';

function health(clients: RelayClient[]): () => TargetHealth {
  return () => ({ errors: 0, lastError: '', unexpectedCloses: clients.filter((c) => c.closedUnexpectedly).length });
}

export function relayTarget(wsUrl: string, timeoutMs: number): Target {
  return {
    setupPairs(n: number): Promise<PairState> {
      const user = (id: string) => ({ id, credential: id });
      return Promise.resolve({
        senders: Array.from({ length: n }, (_, i) => user(`s${i}`)),
        receivers: Array.from({ length: n }, (_, i) => user(`r${i}`)),
        chats: [],
      });
    },

    async openPairs(state: PairState): Promise<PairSet> {
      const n = state.senders.length;
      const users = [...state.senders, ...state.receivers];
      const clients = await mapLimit(2 * n, 50, (i) => RelayClient.connect(wsUrl, users[i]!.credential, timeoutMs));
      const pairs = Array.from({ length: n }, (_, i): PairChannel => {
        const sender = clients[i]!;
        const receiver = clients[n + i]!;
        const to = state.receivers[i]!.id;
        const channel: PairChannel = { send: (text) => sender.send(to, text), onReceive: () => undefined };
        receiver.onMessage = (_from, body) => channel.onReceive(String(body));
        return channel;
      });
      return { pairs, health: health(clients), close: () => clients.forEach((c) => c.close()) };
    },

    setupFanout(chats: number, members: number): Promise<FanoutState> {
      return Promise.resolve({
        chats: Array.from({ length: chats }, (_, c) => ({
          id: `g${c}`,
          members: Array.from({ length: members }, (_, m) => ({ id: `g${c}m${m}`, credential: `g${c}m${m}` })),
        })),
      });
    },

    async openFanout(state: FanoutState, senders: number): Promise<FanoutSet> {
      const all = state.chats.flatMap((chat) => chat.members);
      const clients = await mapLimit(all.length, 50, (i) => RelayClient.connect(wsUrl, all[i]!.credential, timeoutMs));
      let offset = 0;
      const chats = state.chats.map((chat): FanoutChannel => {
        const mine = clients.slice(offset, offset + chat.members.length);
        offset += chat.members.length;
        const ids = chat.members.map((m) => m.id);
        const channel: FanoutChannel = {
          receivers: ids.length - 1,
          // Everyone but the sender: the relay has no notion of a group, the sender names it.
          senders: mine.slice(0, senders).map((client, s) => {
            const to = ids.filter((_, k) => k !== s);
            return (text: string) => client.send(to, text);
          }),
          onReceive: () => undefined,
        };
        for (const client of mine) client.onMessage = (_from, body) => channel.onReceive(String(body));
        return channel;
      });
      return { chats, health: health(clients), close: () => clients.forEach((c) => c.close()) };
    },

    setupIdle(n: number): Promise<string[]> {
      return Promise.resolve(Array.from({ length: n }, (_, i) => `idle${i}`));
    },

    idleConnector: (users) => (index) => RelayClient.connect(wsUrl, users[index]!, timeoutMs),
  };
}
