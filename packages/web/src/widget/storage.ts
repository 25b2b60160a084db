import type { MessageContentInput, MessageType } from '@parley/protocol/wire';

/** What survives a reload, per server and tenant: the visitor's token, their chat, the SDK's cursors, unsent messages. */
export interface StoredSession {
  token: string;
  expiresAt: number;
  visitorId: string;
  nickname: string;
  chatId: string | null;
  cursors: Record<string, number>;
  epoch: string | undefined;
  /** Sends not yet acknowledged: re-sent with the same ids after a reload (stored once). */
  outbox: { id: string; messageType: MessageType; content: MessageContentInput }[];
}

/** localStorage access that never throws (private modes, full quota, blocked storage). */
export class SessionStore {
  readonly #key: string;

  constructor(server: string, tenant: string) {
    this.#key = `parley:${server}:${tenant}`;
  }

  load(): StoredSession | null {
    try {
      const raw = localStorage.getItem(this.#key);
      if (!raw) return null;
      const value = JSON.parse(raw) as Partial<StoredSession>;
      if (typeof value.token !== 'string' || typeof value.visitorId !== 'string') return null;
      return {
        token: value.token,
        expiresAt: typeof value.expiresAt === 'number' ? value.expiresAt : 0,
        visitorId: value.visitorId,
        nickname: typeof value.nickname === 'string' ? value.nickname : '',
        chatId: typeof value.chatId === 'string' ? value.chatId : null,
        cursors: value.cursors && typeof value.cursors === 'object' ? value.cursors : {},
        epoch: typeof value.epoch === 'string' ? value.epoch : undefined,
        outbox: Array.isArray(value.outbox) ? value.outbox : [],
      };
    } catch {
      return null;
    }
  }

  save(session: StoredSession): void {
    try {
      localStorage.setItem(this.#key, JSON.stringify(session));
    } catch {
      // Storage unavailable: the session lasts as long as the page.
    }
  }

  clear(): void {
    try {
      localStorage.removeItem(this.#key);
    } catch {
      // nothing stored
    }
  }
}
