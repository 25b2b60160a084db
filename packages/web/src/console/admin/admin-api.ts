import type { Invitation, StaffAccount, StaffRole, WebhookDelivery, WebhookEndpoint } from '@parley/protocol';
import type { Department } from '@parley/protocol/wire';
import { AuthError } from '../auth-api.js';

/**
 * The administration routes the console's admin pages call (docs/rest.md, docs/accounts.md,
 * docs/livechat.md, docs/webhooks.md), each with the signed-in owner's or admin's access token.
 * A refusal throws `AuthError` with the server's code and, for E_VALIDATION, the field's `path`.
 * (Type imports only: nothing of the protocol's runtime is bundled.)
 */

export type { Department, Invitation, StaffAccount, StaffRole, WebhookDelivery, WebhookEndpoint };

export interface PrechatField {
  name: string;
  label: string;
  type: 'text' | 'email' | 'select';
  required: boolean;
  options?: string[];
}

export interface WidgetSettings {
  primaryColor: string;
  accentColor: string;
  title: string;
  greeting: string;
  prechatFields: PrechatField[];
  allowedOrigins: string[];
}

export interface ApiKeyInfo {
  id: string;
  name: string;
  createdAt: number;
}

export interface AuditEntry {
  id: string;
  at: number;
  actor: string;
  action: string;
  target: string;
  ip: string;
  detail: Record<string, unknown>;
}

export interface InviteInput {
  email: string;
  role: StaffRole;
  name?: string;
  departments?: string[];
  maxChats?: number;
}

export interface AccountPatch {
  role?: StaffRole;
  departments?: string[];
  maxChats?: number;
  name?: string;
}

export interface WebhookInput {
  url: string;
  description?: string;
  events?: string[];
  active?: boolean;
  botUserId?: string | null;
  entryBot?: boolean;
}

const enc = encodeURIComponent;

export class AdminApi {
  constructor(
    readonly base: string,
    /** The current access token (renewed by the console's session when it nears its end). */
    private readonly token: () => Promise<string>,
  ) {}

  // Agents (staff accounts) and invitations.
  async accounts(): Promise<StaffAccount[]> {
    return (await this.#call<{ accounts: StaffAccount[] }>('GET', '/v1/admin/accounts')).accounts;
  }
  updateAccount(userId: string, patch: AccountPatch): Promise<{ account: StaffAccount }> {
    return this.#call('PATCH', `/v1/admin/accounts/${enc(userId)}`, patch);
  }
  deactivate(userId: string): Promise<unknown> {
    return this.#call('POST', `/v1/admin/accounts/${enc(userId)}/deactivate`, {});
  }
  reactivate(userId: string): Promise<unknown> {
    return this.#call('POST', `/v1/admin/accounts/${enc(userId)}/reactivate`, {});
  }
  invite(input: InviteInput): Promise<{ invitation: Invitation; mailed: boolean; link?: string }> {
    return this.#call('POST', '/v1/admin/invitations', input);
  }
  async invitations(): Promise<Invitation[]> {
    return (await this.#call<{ invitations: Invitation[] }>('GET', '/v1/admin/invitations')).invitations;
  }
  revokeInvitation(id: string): Promise<void> {
    return this.#call('DELETE', `/v1/admin/invitations/${enc(id)}`);
  }

  // Departments and the entry bot.
  async departments(): Promise<Department[]> {
    return (await this.#call<{ departments: Department[] }>('GET', '/v1/livechat/departments')).departments;
  }
  createDepartment(input: { name: string; routing: 'auto' | 'manual' }): Promise<{ department: Department }> {
    return this.#call('POST', '/v1/livechat/departments', input);
  }
  updateDepartment(id: string, patch: { name?: string; routing?: 'auto' | 'manual' }): Promise<{ department: Department }> {
    return this.#call('PATCH', `/v1/livechat/departments/${enc(id)}`, patch);
  }
  setEntryBot(userId: string | null): Promise<void> {
    return this.#call('PUT', '/v1/livechat/entry-bot', { userId });
  }

  // Webhooks.
  async webhooks(): Promise<WebhookEndpoint[]> {
    return (await this.#call<{ endpoints: WebhookEndpoint[] }>('GET', '/v1/admin/webhooks')).endpoints;
  }
  async createWebhook(input: WebhookInput): Promise<WebhookEndpoint> {
    return (await this.#call<{ endpoint: WebhookEndpoint }>('POST', '/v1/admin/webhooks', input)).endpoint;
  }
  async updateWebhook(id: string, patch: Partial<WebhookInput>): Promise<WebhookEndpoint> {
    return (await this.#call<{ endpoint: WebhookEndpoint }>('PATCH', `/v1/admin/webhooks/${enc(id)}`, patch)).endpoint;
  }
  deleteWebhook(id: string): Promise<void> {
    return this.#call('DELETE', `/v1/admin/webhooks/${enc(id)}`);
  }
  async rotateSecret(id: string): Promise<WebhookEndpoint> {
    return (await this.#call<{ endpoint: WebhookEndpoint }>('POST', `/v1/admin/webhooks/${enc(id)}/rotate-secret`, {})).endpoint;
  }
  async resumeWebhook(id: string): Promise<WebhookEndpoint> {
    return (await this.#call<{ endpoint: WebhookEndpoint }>('POST', `/v1/admin/webhooks/${enc(id)}/resume`, {})).endpoint;
  }
  async deliveries(endpointId: string): Promise<WebhookDelivery[]> {
    return (await this.#call<{ deliveries: WebhookDelivery[] }>('GET', `/v1/admin/webhook-deliveries?endpointId=${enc(endpointId)}&limit=50`)).deliveries;
  }
  replay(deliveryId: string): Promise<unknown> {
    return this.#call('POST', `/v1/admin/webhook-deliveries/${enc(deliveryId)}/replay`, {});
  }

  // Widget settings.
  widget(): Promise<{ widget: WidgetSettings; snippet: string }> {
    return this.#call('GET', '/v1/admin/widget');
  }
  saveWidget(settings: WidgetSettings): Promise<{ widget: WidgetSettings; snippet: string }> {
    return this.#call('PUT', '/v1/admin/widget', settings);
  }

  // API keys.
  async apiKeys(): Promise<ApiKeyInfo[]> {
    return (await this.#call<{ keys: ApiKeyInfo[] }>('GET', '/v1/admin/api-keys')).keys;
  }
  createApiKey(name: string): Promise<{ id: string; key: string }> {
    return this.#call('POST', '/v1/admin/api-keys', { name });
  }
  revokeApiKey(id: string): Promise<void> {
    return this.#call('DELETE', `/v1/admin/api-keys/${enc(id)}`);
  }

  // The audit log, newest first, a page at a time.
  audit(before?: string): Promise<{ entries: AuditEntry[]; next?: string }> {
    return this.#call('GET', `/v1/admin/audit?limit=50${before ? `&before=${enc(before)}` : ''}`);
  }

  async #call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json', authorization: `Bearer ${await this.token()}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(this.base + path, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    } catch {
      throw new AuthError('E_DISCONNECTED', 'The server cannot be reached; check your connection and try again', 0);
    }
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (res.ok) return parsed as T;
    const error = (parsed as { error?: { code?: unknown; message?: unknown; path?: unknown } } | undefined)?.error;
    throw new AuthError(
      typeof error?.code === 'string' ? error.code : `HTTP_${res.status}`,
      typeof error?.message === 'string' ? error.message : `The server answered ${res.status}`,
      res.status,
      typeof error?.path === 'string' ? error.path : undefined,
    );
  }
}
