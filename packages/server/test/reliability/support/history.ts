/** A message as every surface shows it: enough to check order and identity. */
export interface Seen {
  chatId: string;
  id: string;
  seq: number;
}

/**
 * The log of a run: every send (with its body), every ack, every message each receiver got. The
 * checker compares it with what the store holds at the end.
 */
export class History {
  private readonly sends = new Map<string, { chatId: string; body: string }>();
  private readonly acks = new Map<string, Seen[]>();
  /** receiver → chat → messages in arrival order. */
  private readonly received = new Map<string, Map<string, Seen[]>>();

  send(chatId: string, clientId: string, body: string): void {
    this.sends.set(clientId, { chatId, body });
  }

  ack(clientId: string, message: Seen): void {
    const list = this.acks.get(clientId) ?? [];
    list.push(message);
    this.acks.set(clientId, list);
  }

  receive(receiver: string, message: Seen): void {
    let chats = this.received.get(receiver);
    if (!chats) this.received.set(receiver, (chats = new Map()));
    const list = chats.get(message.chatId) ?? [];
    list.push(message);
    chats.set(message.chatId, list);
  }

  /** How many messages a receiver got in a chat. */
  receivedCount(receiver: string, chatId: string): number {
    return this.received.get(receiver)?.get(chatId)?.length ?? 0;
  }

  get sent(): number {
    return this.sends.size;
  }

  get acked(): number {
    return this.acks.size;
  }

  /** Every client id sent. */
  sentIds(): string[] {
    return [...this.sends.keys()];
  }

  /** Client ids sent but never acknowledged. */
  unacked(): string[] {
    return [...this.sends.keys()].filter((id) => !this.acks.has(id));
  }

  /**
   * Every problem the log shows against the store's final state (`stored`: chat → messages in seq
   * order). `complete` receivers must hold every stored message of their chats (they were live, or
   * caught up, until the end).
   */
  check(stored: ReadonlyMap<string, readonly Seen[]>, members: ReadonlyMap<string, readonly string[]> = new Map()): string[] {
    const problems: string[] = [];
    const byId = new Map<string, Seen>();
    for (const [chatId, messages] of stored) {
      messages.forEach((m, i) => {
        if (m.seq !== i + 1) problems.push(`${chatId}: seq ${m.seq} at position ${i + 1} (gap or disorder)`);
        if (byId.has(m.id)) problems.push(`${chatId}: message ${m.id} stored twice`);
        byId.set(m.id, m);
      });
    }
    for (const [clientId, acks] of this.acks) {
      const stored1 = byId.get(clientId);
      if (!stored1) {
        problems.push(`acked ${clientId} is not stored (LOST)`);
        continue;
      }
      for (const a of acks) if (a.id !== clientId || a.seq !== stored1.seq) problems.push(`ack of ${clientId} said seq ${a.seq}, the store has ${stored1.seq}`);
    }
    for (const [clientId, { chatId }] of this.sends) {
      const m = byId.get(clientId);
      if (m && m.chatId !== chatId) problems.push(`${clientId} stored in ${m.chatId}, sent to ${chatId}`);
    }
    for (const [receiver, chats] of this.received) {
      for (const [chatId, got] of chats) {
        const want = stored.get(chatId) ?? [];
        for (let i = 1; i < got.length; i++) {
          if ((got[i] as Seen).seq <= (got[i - 1] as Seen).seq) problems.push(`${receiver} got ${chatId} seq ${(got[i] as Seen).seq} after ${(got[i - 1] as Seen).seq} (duplicate or out of order)`);
        }
        for (const m of got) {
          const s = want[m.seq - 1];
          if (!s || s.id !== m.id) problems.push(`${receiver} got ${chatId} seq ${m.seq} as ${m.id}, the store has ${s?.id ?? 'nothing'} (members disagree on the order)`);
        }
      }
    }
    for (const [chatId, receivers] of members) {
      const want = stored.get(chatId) ?? [];
      for (const receiver of receivers) {
        const got = this.received.get(receiver)?.get(chatId) ?? [];
        const have = new Set(got.map((m) => m.seq));
        const missing = want.filter((m) => !have.has(m.seq));
        if (missing.length > 0) problems.push(`${receiver} never got ${missing.length} of ${want.length} messages of ${chatId} (first: seq ${missing[0]?.seq})`);
      }
    }
    return problems;
  }
}
