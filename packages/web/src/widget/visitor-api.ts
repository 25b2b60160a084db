import { ParleyError, type ErrorBody, type LivechatAvailability, type LivechatView, type VisitorSession } from '@parley/protocol/wire';
import type { WidgetAppearance } from '@parley/protocol';

/** The visitor routes of `/v1/livechat` the widget calls (docs/livechat.md); their shapes are the protocol's. */

async function call<T>(server: string, path: string, init: { method?: string; body?: unknown; token?: string } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const res = await fetch(`${server}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers,
    body: init.body === undefined ? null : JSON.stringify(init.body),
  });
  const text = await res.text();
  const body: unknown = text ? JSON.parse(text) : undefined;
  if (!res.ok) {
    // Error answers are `{error: {code, message, path?, details?}}` (docs/errors.md).
    const err: Partial<ErrorBody> = (body as { error?: Partial<ErrorBody> } | undefined)?.error ?? {};
    throw new ParleyError(err.code ?? 'E_INTERNAL', err.message ?? `HTTP ${res.status}`, {
      ...(err.path ? { path: err.path } : {}),
      ...(err.details ? { details: err.details } : {}),
    });
  }
  return body as T;
}

export class VisitorApi {
  constructor(
    readonly server: string,
    readonly tenant: string,
  ) {}

  /** A new visitor session, or a fresh token for the returning visitor holding `token`. */
  session(input: { nickname: string; email?: string }, token?: string): Promise<VisitorSession> {
    const body = {
      ...(token ? {} : { domain: this.tenant }),
      nickname: input.nickname,
      ...(input.email ? { email: input.email } : {}),
      userAgent: navigator.userAgent.slice(0, 1000),
      firstUri: location.href.slice(0, 2000),
      firstTitle: document.title.slice(0, 500),
    };
    return call(this.server, '/v1/livechat/sessions', { body, ...(token ? { token } : {}) });
  }

  async openChat(token: string, input: { subject?: string; departmentId?: string }): Promise<LivechatView> {
    return (await call<{ chat: LivechatView }>(this.server, '/v1/livechat/chats', { body: input, token })).chat;
  }

  async chat(token: string, chatId: string): Promise<LivechatView> {
    return (await call<{ chat: LivechatView }>(this.server, `/v1/livechat/chats/${encodeURIComponent(chatId)}`, { token })).chat;
  }

  end(token: string, chatId: string): Promise<void> {
    return call(this.server, `/v1/livechat/chats/${encodeURIComponent(chatId)}/end`, { method: 'POST', token });
  }

  /** What the tenant's admins chose the widget to look like and ask (`/v1/livechat/widget`). */
  async appearance(): Promise<WidgetAppearance> {
    return (await call<{ widget: WidgetAppearance }>(this.server, `/v1/livechat/widget?${new URLSearchParams({ domain: this.tenant }).toString()}`)).widget;
  }

  availability(departmentId?: string): Promise<LivechatAvailability> {
    const q = new URLSearchParams({ domain: this.tenant, ...(departmentId ? { departmentId } : {}) });
    return call(this.server, `/v1/livechat/availability?${q.toString()}`);
  }

  offlineMessage(input: { name: string; email: string; text: string; departmentId?: string }): Promise<unknown> {
    return call(this.server, '/v1/livechat/offline-messages', { body: { domain: this.tenant, ...input } });
  }
}
