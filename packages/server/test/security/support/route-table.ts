import type { Persona, World } from './world.js';

/**
 * Every HTTP route of the server, classified for the access matrix. A route missing here fails the
 * matrix: whoever adds a route says in this one place who may call it and what a probe sends.
 *
 * - `public`: anyone may call it (health, docs, visitor sign-up); an answer still carries no secret.
 * - `self`: any authenticated caller, on their own data only (their chats, their profile): anonymous
 *   is refused; the others may get 2xx, never with the victims' data.
 * - `admin`: an API key of the caller's own tenant, or an owner's or admin's account; other user tokens
 *   are refused; another tenant's key or owner works on its own tenant only and sees no victim data.
 * - `victim`: names the victims' chat, message, user, endpoint…: every attacker is refused, except
 *   those in `allow` (each with the reason the design gives them access).
 */
export type Scope = 'public' | 'self' | 'admin' | 'victim';

export interface Probe {
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Multipart or other raw bodies. */
  raw?: Buffer;
}

export interface RouteSpec {
  scope: Scope;
  /** The concrete request: path params filled with the victims' ids, a body valid for the route. */
  probe: (w: World, persona: Persona) => Probe;
  /** Callers the design lets through on their own scope: 2xx allowed, still without the victims' secrets. */
  allow?: Partial<Record<Persona, string>>;
  /** Callers the design lets see the victims' data (with the reason): not attackers for this route. */
  trusted?: Partial<Record<Persona, string>>;
}

const LIVECHAT_AGENTS = 'any agent of the tenant may look into, pick, join and take over a live chat (ChatAccess.livechat)';
const agents = { agentNotInChat: LIVECHAT_AGENTS } as const;
const OWN_TENANT = "an agent or admin of another tenant gets that tenant's own contact-centre data";
const otherTenantStaff = { otherTenantAdmin: OWN_TENANT, otherTenantOwner: OWN_TENANT, otherTenantSupervisor: OWN_TENANT, otherTenantUser: OWN_TENANT } as const;

const p = (path: string, body?: unknown) => (): Probe => ({ path, body });
const chat = (suffix = '', body?: unknown) => (w: World): Probe => ({ path: `/v1/chats/${w.group.id}${suffix}`, body });
const direct = (suffix = '', body?: unknown) => (w: World): Probe => ({ path: `/v1/chats/${w.direct.id}${suffix}`, body });
const group = (suffix = '', body?: unknown) => (w: World): Probe => ({ path: `/v1/groups/${w.group.id}${suffix}`, body });
const live = (suffix = '', body?: unknown) => (w: World): Probe => ({ path: `/v1/livechat/chats/${w.livechat.id}${suffix}`, body });

/** The customer chat API authenticates by ContactCenterId + secureKey, not by bearer. */
function customer(suffix: string, body?: Record<string, unknown>) {
  return (w: World, persona: Persona): Probe => {
    const otherTenant = persona.startsWith('otherTenant');
    const ccid = persona === 'anonymous' ? undefined : otherTenant ? w.tenantB.ccid : w.tenantA.ccid;
    // Attackers know the chat id (it may leak in a URL) but not its secureKey: they guess one.
    const secureKey = 'x'.repeat(43);
    return {
      path: `/api/v2/chats/${w.customer.id}${suffix}${body ? '' : `?secureKey=${secureKey}`}`,
      headers: { ...(ccid ? { ContactCenterId: ccid } : {}), SecureKey: secureKey },
      body: body ? { secureKey, ...body } : undefined,
    };
  };
}

export const ROUTE_TABLE: Record<string, RouteSpec> = {
  // Operations and documentation.
  'GET /healthz': { scope: 'public', probe: p('/healthz') },
  'GET /readyz': { scope: 'public', probe: p('/readyz') },
  'GET /metrics': { scope: 'public', probe: p('/metrics') },
  'GET /openapi.json': { scope: 'public', probe: p('/openapi.json') },
  'GET /docs': { scope: 'public', probe: p('/docs') },
  'GET /docs/': { scope: 'public', probe: p('/docs/') },
  'GET /docs/*': { scope: 'public', probe: p('/docs/static/index.css') },
  'GET /docs/json': { scope: 'public', probe: p('/docs/json') },
  'GET /docs/yaml': { scope: 'public', probe: p('/docs/yaml') },
  'GET /docs/static/index.html': { scope: 'public', probe: p('/docs/static/index.html') },
  'GET /docs/static/swagger-initializer.js': { scope: 'public', probe: p('/docs/static/swagger-initializer.js') },
  // The web pages (packages/web): the widget's script and the console's page and assets.
  'GET /widget.js': { scope: 'public', probe: p('/widget.js') },
  'GET /console': { scope: 'public', probe: p('/console') },
  'GET /console/': { scope: 'public', probe: p('/console/') },
  'GET /console/assets/:file': { scope: 'public', probe: p('/console/assets/missing.js') },
  // The WebSocket upgrade as a plain GET: refused (its own suites try the upgrade itself).
  'GET /v1/ws': { scope: 'self', probe: p('/v1/ws') },

  // The caller's own things.
  'GET /v1/me': { scope: 'self', probe: p('/v1/me') },
  'GET /v1/chats': { scope: 'self', probe: p('/v1/chats') },
  'POST /v1/chats': { scope: 'self', probe: (w) => ({ path: '/v1/chats', body: { kind: 'group', title: 'mine', members: [{ userId: w.bob.id }] } }) },
  'GET /v1/chats/archived': { scope: 'self', probe: p('/v1/chats/archived') },
  'POST /v1/chats/clear-all': { scope: 'self', probe: p('/v1/chats/clear-all', {}) },
  'POST /v1/chats/delete-all': { scope: 'self', probe: p('/v1/chats/delete-all', {}) },
  'GET /v1/features': { scope: 'self', probe: p('/v1/features') },
  'GET /v1/favourites': { scope: 'self', probe: p('/v1/favourites') },
  'DELETE /v1/favourites': { scope: 'self', probe: p('/v1/favourites') },
  'GET /v1/groups': { scope: 'self', probe: p('/v1/groups') },
  'POST /v1/groups': { scope: 'self', probe: (w) => ({ path: '/v1/groups', body: { title: 'mine', memberIds: [w.bob.id] } }) },
  'GET /v1/users/:userId/direct-chat': { scope: 'self', probe: (w) => ({ path: `/v1/users/${w.bob.id}/direct-chat` }) },
  'POST /v1/media': { scope: 'self', probe: () => multipartProbe() },
  'GET /v1/livechat/chats': { scope: 'self', probe: p('/v1/livechat/chats') },
  'POST /v1/livechat/chats': { scope: 'self', probe: p('/v1/livechat/chats', {}) },
  'POST /v1/livechat/sessions': { scope: 'public', probe: (w) => ({ path: '/v1/livechat/sessions', body: { domain: w.tenantA.domain, nickname: 'New' } }) },
  'GET /v1/livechat/availability': { scope: 'public', probe: (w) => ({ path: `/v1/livechat/availability?domain=${w.tenantA.domain}` }) },
  'POST /v1/livechat/offline-messages': {
    scope: 'public',
    probe: (w) => ({ path: '/v1/livechat/offline-messages', body: { domain: w.tenantA.domain, name: 'n', email: 'n@example.com', text: 'hello' } }),
  },
  'POST /api/v2/chats': { scope: 'public', probe: (w) => ({ path: '/api/v2/chats', headers: { ContactCenterId: w.tenantA.ccid }, body: { operationName: 'RequestChat', nickname: 'n' } }) },
  // Agents' tools: the queue, departments, agents, offline messages, the entry bot.
  'GET /v1/livechat/queue': { scope: 'victim', probe: p('/v1/livechat/queue'), trusted: agents, allow: otherTenantStaff },
  'GET /v1/livechat/departments': { scope: 'self', probe: p('/v1/livechat/departments') },
  'POST /v1/livechat/departments': { scope: 'admin', probe: p('/v1/livechat/departments', { name: 'Evil dept' }) },
  'PATCH /v1/livechat/departments/:departmentId': { scope: 'victim', probe: (w) => ({ path: `/v1/livechat/departments/${w.departmentId}`, body: { name: 'Hijacked' } }) },
  'GET /v1/livechat/agents': { scope: 'victim', probe: p('/v1/livechat/agents'), trusted: agents, allow: otherTenantStaff },
  'PUT /v1/livechat/agents/:userId': { scope: 'victim', probe: (w) => ({ path: `/v1/livechat/agents/${w.alice.id}`, body: { status: 'offline' } }) },
  'GET /v1/livechat/offline-messages': { scope: 'victim', probe: p('/v1/livechat/offline-messages'), trusted: agents, allow: otherTenantStaff },
  'PUT /v1/livechat/entry-bot': { scope: 'admin', probe: p('/v1/livechat/entry-bot', { userId: null }) },
  'GET /v1/livechat/widget': { scope: 'public', probe: (w) => ({ path: `/v1/livechat/widget?domain=${w.tenantA.domain}` }) },
  'GET /v1/admin/widget': { scope: 'admin', probe: p('/v1/admin/widget') },
  'PATCH /v1/admin/widget': { scope: 'admin', probe: p('/v1/admin/widget', { title: 'Planted' }) },
  'PUT /v1/admin/widget': {
    scope: 'admin',
    probe: p('/v1/admin/widget', { primaryColor: '#000000', accentColor: '#000000', title: 'Planted', greeting: '', prechatFields: [], allowedOrigins: ['*'] }),
  },
  'GET /v1/canned-responses': { scope: 'self', probe: p('/v1/canned-responses') },
  'POST /v1/canned-responses': { scope: 'self', probe: p('/v1/canned-responses', { shortcut: 'planted', text: 'Planted', scope: 'personal' }) },
  'PATCH /v1/canned-responses/:id': { scope: 'victim', probe: (w) => ({ path: `/v1/canned-responses/${w.cannedId}`, body: { text: 'Planted' } }) },
  'DELETE /v1/canned-responses/:id': { scope: 'victim', probe: (w) => ({ path: `/v1/canned-responses/${w.cannedId}` }) },

  // A group chat of Alice and Bob.
  'GET /v1/chats/:chatId': { scope: 'victim', probe: chat() },
  'GET /v1/chats/:chatId/members': { scope: 'victim', probe: chat('/members') },
  'POST /v1/chats/:chatId/members': { scope: 'victim', probe: (w, who) => chat('/members', { userId: w.ids[who] || w.bob.id })(w) },
  'DELETE /v1/chats/:chatId/members/:userId': { scope: 'victim', probe: (w) => ({ path: `/v1/chats/${w.group.id}/members/${w.bob.id}` }) },
  'POST /v1/chats/:chatId/messages': { scope: 'victim', probe: chat('/messages', { messageType: 'TEXT', content: { text: 'intruder' } }) },
  'GET /v1/chats/:chatId/messages': { scope: 'victim', probe: chat('/messages') },
  'GET /v1/chats/:chatId/messages/:messageId': { scope: 'victim', probe: (w) => ({ path: `/v1/chats/${w.group.id}/messages/${w.group.messageId}` }) },
  'GET /v1/chats/:chatId/messages/:messageId/media': { scope: 'victim', probe: (w) => ({ path: `/v1/chats/${w.group.id}/messages/${w.group.mediaMessageId}/media?format=fullsize` }) },
  'POST /v1/chats/:chatId/messages/:messageId/media/token': { scope: 'victim', probe: (w) => ({ path: `/v1/chats/${w.group.id}/messages/${w.group.mediaMessageId}/media/token`, body: {} }) },
  'GET /v1/chats/:chatId/media': { scope: 'victim', probe: chat('/media') },
  'POST /v1/chats/:chatId/receipts': { scope: 'victim', probe: chat('/receipts', { kind: 'seen', seq: 1 }) },
  'POST /v1/chats/:chatId/typing': { scope: 'victim', probe: chat('/typing', { state: 'composing' }) },
  'PUT /v1/chats/:chatId/favourites/:messageId': { scope: 'victim', probe: (w) => ({ path: `/v1/chats/${w.group.id}/favourites/${w.group.messageId}`, body: {} }) },
  'DELETE /v1/chats/:chatId/favourites/:messageId': { scope: 'victim', probe: (w) => ({ path: `/v1/chats/${w.group.id}/favourites/${w.group.messageId}` }) },
  'POST /v1/chats/:chatId/clear': { scope: 'victim', probe: chat('/clear', {}) },
  'POST /v1/chats/:chatId/delete': { scope: 'victim', probe: direct('/delete', {}) },
  'PUT /v1/chats/:chatId/mute': { scope: 'victim', probe: chat('/mute', { muted: true }) },
  'PUT /v1/chats/:chatId/archive': { scope: 'victim', probe: chat('/archive', { archived: true }) },
  'POST /v1/chats/:chatId/messages/delete-for-me': { scope: 'victim', probe: (w) => chat('/messages/delete-for-me', { messageIds: [w.group.messageId] })(w) },
  'POST /v1/chats/:chatId/messages/delete-for-everyone': { scope: 'victim', probe: (w) => chat('/messages/delete-for-everyone', { messageIds: [w.group.messageId] })(w) },
  'POST /v1/forward': { scope: 'victim', probe: (w, who) => ({ path: '/v1/forward', body: { messageIds: [w.group.messageId], toUserIds: [w.ids[who] || w.bob.id] } }) },
  'GET /v1/messages/:messageId': { scope: 'victim', probe: (w) => ({ path: `/v1/messages/${w.group.messageId}` }) },
  'GET /v1/groups/:chatId': { scope: 'victim', probe: group() },
  'PATCH /v1/groups/:chatId': { scope: 'victim', probe: group('', { title: 'Hijacked' }) },
  'DELETE /v1/groups/:chatId': { scope: 'victim', probe: group() },
  'POST /v1/groups/:chatId/members': { scope: 'victim', probe: (w, who) => group('/members', { userIds: [w.ids[who] || w.bob.id] })(w) },
  'DELETE /v1/groups/:chatId/members/:userId': { scope: 'victim', probe: (w) => ({ path: `/v1/groups/${w.group.id}/members/${w.bob.id}` }) },
  'PUT /v1/groups/:chatId/admins/:userId': { scope: 'victim', probe: (w, who) => ({ path: `/v1/groups/${w.group.id}/admins/${w.ids[who] || w.bob.id}`, body: {} }) },
  'DELETE /v1/groups/:chatId/admins/:userId': { scope: 'victim', probe: (w) => ({ path: `/v1/groups/${w.group.id}/admins/${w.alice.id}` }) },
  'POST /v1/groups/:chatId/leave': { scope: 'victim', probe: group('/leave', {}) },

  // The visitor's live chat.
  'GET /v1/livechat/chats/:chatId': { scope: 'victim', probe: live(), trusted: agents },
  'GET /v1/livechat/chats/:chatId/queue': { scope: 'victim', probe: live('/queue'), trusted: agents },
  'GET /v1/livechat/chats/:chatId/visitor': { scope: 'victim', probe: live('/visitor'), trusted: agents },
  'GET /v1/livechat/chats/:chatId/transcript': { scope: 'victim', probe: live('/transcript'), trusted: agents },
  'POST /v1/livechat/chats/:chatId/join': { scope: 'victim', probe: live('/join', {}), trusted: agents },
  'POST /v1/livechat/chats/:chatId/pick': { scope: 'victim', probe: live('/pick', {}), trusted: agents },
  'POST /v1/livechat/chats/:chatId/transfer': { scope: 'victim', probe: (w, who) => live('/transfer', { agentId: w.ids[who] || w.alice.id })(w), trusted: agents },
  'POST /v1/livechat/chats/:chatId/invite': { scope: 'victim', probe: (w, who) => live('/invite', { agentId: w.ids[who] || w.alice.id })(w), trusted: agents },
  'POST /v1/livechat/chats/:chatId/handover': { scope: 'victim', probe: (w) => live('/handover', { departmentId: w.departmentId })(w), trusted: agents },
  'POST /v1/livechat/chats/:chatId/end': { scope: 'victim', probe: live('/end', {}), trusted: agents },
  // Seed 000's routes on the live chat (agents' tokens or admin keys).
  'GET /livechat/getChatHistory/:chatId': { scope: 'victim', probe: (w) => ({ path: `/livechat/getChatHistory/${w.livechat.id}` }), trusted: agents },
  'GET /livechat/:domain/getChatHistory/:chatId': { scope: 'victim', probe: (w) => ({ path: `/livechat/${w.tenantA.domain}/getChatHistory/${w.livechat.id}` }), trusted: agents },
  'GET /livechat/getContactTranscriptByChatID/:chatId': { scope: 'victim', probe: (w) => ({ path: `/livechat/getContactTranscriptByChatID/${w.livechat.id}` }), trusted: agents },
  'GET /livechat/:domain/getContactTranscriptByChatID/:chatId': {
    scope: 'victim',
    probe: (w) => ({ path: `/livechat/${w.tenantA.domain}/getContactTranscriptByChatID/${w.livechat.id}` }),
    trusted: agents,
  },
  'GET /livechat/getMultimediaMessageByMessageID/:messageId': { scope: 'victim', probe: (w) => ({ path: `/livechat/getMultimediaMessageByMessageID/${w.group.mediaMessageId}` }) },
  'GET /livechat/:domain/getMultimediaMessageByMessageID/:messageId': {
    scope: 'victim',
    probe: (w) => ({ path: `/livechat/${w.tenantA.domain}/getMultimediaMessageByMessageID/${w.group.mediaMessageId}` }),
  },
  'GET /livechat/downloadDocument/:chatId/:messageId': { scope: 'victim', probe: (w) => ({ path: `/livechat/downloadDocument/${w.group.id}/${w.group.mediaMessageId}` }) },
  'GET /livechat/:domain/downloadDocument/:chatId/:messageId': {
    scope: 'victim',
    probe: (w) => ({ path: `/livechat/${w.tenantA.domain}/downloadDocument/${w.group.id}/${w.group.mediaMessageId}` }),
  },
  'POST /livechat/endContactByChatID': { scope: 'victim', probe: (w) => ({ path: '/livechat/endContactByChatID', body: { chatId: w.livechat.id } }), trusted: agents },
  'POST /livechat/:domain/endContactByChatID': { scope: 'victim', probe: (w) => ({ path: `/livechat/${w.tenantA.domain}/endContactByChatID`, body: { chatId: w.livechat.id } }), trusted: agents },
  'POST /livechat/sendTextMessageToActiveChat/:chatId': { scope: 'victim', probe: (w) => ({ path: `/livechat/sendTextMessageToActiveChat/${w.livechat.id}`, body: { text: 'intruder' } }), trusted: agents },
  'POST /livechat/:domain/sendTextMessageToActiveChat/:chatId': {
    scope: 'victim',
    probe: (w) => ({ path: `/livechat/${w.tenantA.domain}/sendTextMessageToActiveChat/${w.livechat.id}`, body: { text: 'intruder' } }),
    trusted: agents,
  },
  // Media by download token: the token is the credential; a guessed one is refused.
  'GET /v1/media/download': { scope: 'victim', probe: () => ({ path: `/v1/media/download?fileToken=${'A'.repeat(40)}` }) },

  // The customer chat API (seed 003) on a customer's chat, without its secureKey.
  'GET /api/v2/chats/:id': { scope: 'victim', probe: customer('') },
  'POST /api/v2/chats/:id': { scope: 'victim', probe: customer('', { operationName: 'SendMessage', message: 'intruder' }) },
  'GET /api/v2/chats/:id/messages': { scope: 'victim', probe: customer('/messages') },
  'POST /api/v2/chats/:id/messages': { scope: 'victim', probe: customer('/messages', {}) },

  // Admin API: the victim tenant's resources.
  'POST /v1/admin/tenants': { scope: 'victim', probe: p('/v1/admin/tenants', { domain: 'EVILCO' }) },
  // Only the operator (an admin key of DEFAULT, the victims' tenant here) reads another tenant or changes a plan.
  'GET /v1/admin/tenants/:domain': { scope: 'victim', probe: (w) => ({ path: `/v1/admin/tenants/${w.tenantA.domain}` }) },
  'PATCH /v1/admin/tenants/:domain': { scope: 'victim', probe: (w) => ({ path: `/v1/admin/tenants/${w.tenantA.domain}`, body: { plan: { features: [] } } }) },
  'POST /v1/admin/api-keys': { scope: 'admin', probe: p('/v1/admin/api-keys', { name: 'mine' }) },
  'GET /v1/admin/api-keys': { scope: 'admin', probe: p('/v1/admin/api-keys') },
  'DELETE /v1/admin/api-keys/:keyId': { scope: 'victim', probe: (w) => ({ path: `/v1/admin/api-keys/${w.apiKeyId}` }) },
  'POST /v1/admin/users': { scope: 'admin', probe: p('/v1/admin/users', { kind: 'agent', nickname: 'Planted' }) },
  'GET /v1/admin/users/:userId': { scope: 'victim', probe: (w) => ({ path: `/v1/admin/users/${w.bob.id}` }) },
  'POST /v1/admin/users/:userId/tokens': { scope: 'victim', probe: (w) => ({ path: `/v1/admin/users/${w.bob.id}/tokens`, body: {} }) },
  'POST /v1/admin/users/:userId/revoke': { scope: 'victim', probe: (w) => ({ path: `/v1/admin/users/${w.bob.id}/revoke`, body: {} }) },
  'POST /v1/admin/chats': { scope: 'victim', probe: (w) => ({ path: '/v1/admin/chats', body: { kind: 'group', members: [{ userId: w.bob.id }] } }) },
  'GET /v1/admin/chats/:chatId': { scope: 'victim', probe: (w) => ({ path: `/v1/admin/chats/${w.group.id}` }) },
  'GET /v1/admin/chats/:chatId/export': { scope: 'victim', probe: (w) => ({ path: `/v1/admin/chats/${w.group.id}/export` }) },
  'POST /v1/admin/webhooks': { scope: 'admin', probe: p('/v1/admin/webhooks', { url: 'https://attacker.example.com/hook' }) },
  'GET /v1/admin/webhooks': { scope: 'admin', probe: p('/v1/admin/webhooks') },
  'GET /v1/admin/webhooks/:endpointId': { scope: 'victim', probe: (w) => ({ path: `/v1/admin/webhooks/${w.webhook.id}` }) },
  'PATCH /v1/admin/webhooks/:endpointId': { scope: 'victim', probe: (w) => ({ path: `/v1/admin/webhooks/${w.webhook.id}`, body: { url: 'https://attacker.example.com/hook' } }) },
  'DELETE /v1/admin/webhooks/:endpointId': { scope: 'victim', probe: (w) => ({ path: `/v1/admin/webhooks/${w.webhook.id}` }) },
  'POST /v1/admin/webhooks/:endpointId/rotate-secret': { scope: 'victim', probe: (w) => ({ path: `/v1/admin/webhooks/${w.webhook.id}/rotate-secret`, body: {} }) },
  'POST /v1/admin/webhooks/:endpointId/resume': { scope: 'victim', probe: (w) => ({ path: `/v1/admin/webhooks/${w.webhook.id}/resume`, body: {} }) },
  'GET /v1/admin/webhook-deliveries': { scope: 'admin', probe: p('/v1/admin/webhook-deliveries') },
  'GET /v1/admin/webhook-deliveries/:deliveryId': { scope: 'victim', probe: (w) => ({ path: `/v1/admin/webhook-deliveries/${w.deliveryId}` }) },
  'POST /v1/admin/webhook-deliveries/:deliveryId/replay': { scope: 'victim', probe: (w) => ({ path: `/v1/admin/webhook-deliveries/${w.deliveryId}/replay`, body: {} }) },
  // Staff administration: invitations, accounts, the audit log (an attacker's own tenant at most).
  'POST /v1/admin/invitations': { scope: 'admin', probe: (_w, persona) => ({ path: '/v1/admin/invitations', body: { email: `planted-${persona}@attacker.example`, role: 'agent' } }) },
  'GET /v1/admin/invitations': { scope: 'admin', probe: p('/v1/admin/invitations') },
  'DELETE /v1/admin/invitations/:invitationId': { scope: 'victim', probe: (w) => ({ path: `/v1/admin/invitations/${w.invitation.id}` }) },
  'GET /v1/admin/accounts': { scope: 'admin', probe: p('/v1/admin/accounts') },
  'PATCH /v1/admin/accounts/:userId': { scope: 'victim', probe: (w) => ({ path: `/v1/admin/accounts/${w.invitation.userId}`, body: { name: 'Planted' } }) },
  'POST /v1/admin/accounts/:userId/deactivate': { scope: 'victim', probe: (w) => ({ path: `/v1/admin/accounts/${w.invitation.userId}/deactivate` }) },
  'POST /v1/admin/accounts/:userId/reactivate': { scope: 'victim', probe: (w) => ({ path: `/v1/admin/accounts/${w.invitation.userId}/reactivate` }) },
  'GET /v1/admin/audit': { scope: 'admin', probe: p('/v1/admin/audit') },

  // Links of invitations and resets: the link's secret is the credential; forgot answers alike for every email.
  'GET /v1/auth/links/:token': { scope: 'public', probe: p(`/v1/auth/links/${'x'.repeat(43)}`) },
  'POST /v1/auth/accept': { scope: 'public', probe: p('/v1/auth/accept', { token: 'x'.repeat(43), password: 'maple-quartz-engine' }) },
  'POST /v1/auth/forgot': { scope: 'public', probe: p('/v1/auth/forgot', { email: 'invitee@victim.example' }) },
  'POST /v1/auth/reset': { scope: 'public', probe: p('/v1/auth/reset', { token: 'x'.repeat(43), password: 'maple-quartz-engine' }) },

  // Sign-in. The attackers' tokens are minted (no account): the account routes answer them E_NOT_FOUND.
  'POST /v1/auth/login': { scope: 'public', probe: p('/v1/auth/login', { email: 'alice@victim.example', password: 'a-guessed-password' }) },
  'POST /v1/auth/refresh': { scope: 'public', probe: p('/v1/auth/refresh', { refreshToken: `${'s'.repeat(22)}.${'x'.repeat(43)}` }) },
  'POST /v1/auth/logout': { scope: 'public', probe: p('/v1/auth/logout', { refreshToken: `${'s'.repeat(22)}.${'x'.repeat(43)}` }) },
  'GET /v1/auth/setup': { scope: 'public', probe: p('/v1/auth/setup') },
  'POST /v1/auth/setup': { scope: 'public', probe: p('/v1/auth/setup', { token: 'x'.repeat(43), email: 'mallory@attacker.example', password: 'maple-quartz-engine', name: 'Mallory' }) },
  'GET /v1/auth/me': { scope: 'self', probe: p('/v1/auth/me') },
  'GET /v1/auth/sessions': { scope: 'self', probe: p('/v1/auth/sessions') },
  'DELETE /v1/auth/sessions/:sessionId': { scope: 'self', probe: p(`/v1/auth/sessions/${'s'.repeat(22)}`) },
  'POST /v1/auth/password': { scope: 'self', probe: p('/v1/auth/password', { currentPassword: 'a-guessed-password', newPassword: 'maple-quartz-engine' }) },
  // Last: it revokes the caller's own tokens, which the probes of every other route use.
  'POST /v1/auth/logout-all': { scope: 'self', probe: p('/v1/auth/logout-all') },
};

function multipartProbe(): Probe {
  const boundary = '----matrixboundary';
  return {
    path: '/v1/media',
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    raw: Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nplain text\r\n--${boundary}--\r\n`),
  };
}
