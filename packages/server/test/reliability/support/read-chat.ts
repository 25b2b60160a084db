import type { Seen } from './history.js';

/** Every message of a chat, in seq order, paged over REST. */
export async function readChat(url: string, token: string, chatId: string): Promise<Seen[]> {
  const all: Seen[] = [];
  let fromSeq = 0;
  for (let page = 0; page < 100_000; page++) {
    const res = await fetch(`${url}/v1/chats/${chatId}/messages?position=down&fromSeq=${fromSeq}&limit=100`, { headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 200) throw new Error(`history of ${chatId}: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { messages: Seen[]; hasMore: boolean };
    all.push(...body.messages.map((m) => ({ chatId, id: m.id, seq: m.seq })));
    if (!body.hasMore || body.messages.length === 0) return all;
    fromSeq = (body.messages[body.messages.length - 1] as Seen).seq;
  }
  return all;
}
