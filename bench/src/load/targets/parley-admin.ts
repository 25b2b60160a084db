// The slice of Parley's admin REST API the benchmark needs to set up users, chats and tokens.

export type ChatKind = 'direct' | 'group';

export class ParleyAdmin {
  constructor(
    private readonly httpUrl: string,
    private readonly adminKey: string,
  ) {}

  async createUser(nickname: string): Promise<string> {
    const res = await this.#post<{ user: { id: string } }>('/v1/admin/users', { kind: 'member', nickname });
    return res.user.id;
  }

  async issueToken(userId: string, ttlSeconds: number): Promise<string> {
    const path = `/v1/admin/users/${encodeURIComponent(userId)}/tokens`;
    const res = await this.#post<{ token: string }>(path, { ttlSeconds });
    return res.token;
  }

  async createChat(kind: ChatKind, userIds: string[]): Promise<string> {
    const res = await this.#post<{ chat: { id: string } }>('/v1/admin/chats', {
      kind,
      members: userIds.map((userId) => ({ userId })),
    });
    return res.chat.id;
  }

  async #post<T>(path: string, body: unknown): Promise<T> {
    const res = await fetch(`${this.httpUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.adminKey}` },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`POST ${path}: HTTP ${res.status} ${text.slice(0, 300)}`);
    return JSON.parse(text) as T;
  }
}
