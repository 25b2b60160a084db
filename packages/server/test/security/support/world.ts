import { randomBytes } from 'node:crypto';
import type { TestServer } from '../../helpers/server.js';
import { send, type RawReply } from './http.js';

/** Who calls: every attacker the access matrix tries, and the victims' own credentials. */
export type Persona =
  | 'otherTenantAdmin'
  | 'otherTenantOwner'
  | 'otherTenantSupervisor'
  | 'otherTenantUser'
  | 'otherTenantVisitor'
  | 'stranger'
  | 'agentNotInChat'
  | 'bot'
  | 'otherVisitor'
  | 'anonymous';

export const PERSONAS: readonly Persona[] = [
  'otherTenantAdmin',
  'otherTenantOwner',
  'otherTenantSupervisor',
  'otherTenantUser',
  'otherTenantVisitor',
  'stranger',
  'agentNotInChat',
  'bot',
  'otherVisitor',
  'anonymous',
];

/**
 * Two tenants. Tenant A (DEFAULT) holds the victims' data, every secret of it carrying `marker`:
 * a group and a direct chat between Alice and Bob with messages and a document, a visitor's live
 * chat, a customer-API chat, a webhook endpoint, an offline message. Tenant B and the strangers of A
 * are the attackers.
 */
export interface World {
  t: TestServer;
  marker: string;
  tenantA: { id: string; domain: string; ccid: string };
  tenantB: { id: string; domain: string; ccid: string; adminKey: string };
  alice: { id: string; token: string };
  bob: { id: string; token: string };
  visitor: { id: string; token: string };
  group: { id: string; messageId: string; mediaMessageId: string };
  direct: { id: string; messageId: string };
  livechat: { id: string; messageId: string };
  customer: { id: string; secureKey: string };
  webhook: { id: string };
  deliveryId: string;
  departmentId: string;
  /** An admin API key of tenant A (its id; the secret stays with the victim). */
  apiKeyId: string;
  /** Alice's personal canned response (its text carries the marker). */
  cannedId: string;
  /** A pending invitation of tenant A and the account it made (its name carries the marker). */
  invitation: { id: string; userId: string };
  /** The bearer credential of each persona ('' for anonymous). */
  credentials: Record<Persona, string>;
  ids: Record<Persona, string>;
}

async function ok<T>(what: string, reply: Promise<RawReply>): Promise<T> {
  const r = await reply;
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${r.text}`);
  return r.json as T;
}

function as(token: string): Record<string, string> {
  return token ? { authorization: `Bearer ${token}` } : {};
}

/** Builds the world on a running test server. */
export async function buildWorld(t: TestServer): Promise<World> {
  const marker = `MARK${randomBytes(6).toString('hex')}`;
  const adminA = as(t.adminKey);
  const call = (method: string, path: string, token: string, body?: unknown, headers: Record<string, string> = {}) =>
    send(t.url, { method, path, headers: { ...as(token), ...headers }, body });
  const tenant = t.server.bootstrap.tenant;

  const userIn = async (key: string, kind: string, nickname: string): Promise<{ id: string; token: string }> => {
    const created = await ok<{ user: { id: string } }>(`user ${nickname}`, send(t.url, { method: 'POST', path: '/v1/admin/users', headers: as(key), body: { kind, nickname } }));
    const token = await ok<{ token: string }>(`token ${nickname}`, send(t.url, { method: 'POST', path: `/v1/admin/users/${created.user.id}/tokens`, headers: as(key), body: { ttlSeconds: 3600 } }));
    return { id: created.user.id, token: token.token };
  };
  const session = async (domain: string, nickname: string, email = 'someone@example.com'): Promise<{ id: string; token: string }> => {
    const s = await ok<{ token: string; visitor: { id: string } }>('visitor session', call('POST', '/v1/livechat/sessions', '', { domain, nickname, email }));
    return { id: s.visitor.id, token: s.token };
  };

  const alice = await userIn(t.adminKey, 'agent', 'Alice');
  const bob = await userIn(t.adminKey, 'member', 'Bob');
  const groupRes = await ok<{ group: { id: string } }>('group', call('POST', '/v1/groups', alice.token, { title: `Group ${marker}`, memberIds: [bob.id] }));
  const groupId = groupRes.group.id;
  const sendText = async (chatId: string, token: string, text: string) =>
    (await ok<{ message: { id: string } }>(`send to ${chatId}`, call('POST', `/v1/chats/${chatId}/messages`, token, { messageType: 'TEXT', content: { text } }))).message.id;
  const groupMessage = await sendText(groupId, alice.token, `hello ${marker}`);
  await sendText(groupId, bob.token, `reply ${marker}`);
  const mediaMessageId = await uploadDocument(t, alice.token, groupId, `a document ${marker}\n`);
  const direct = await ok<{ chat: { id: string } }>('direct', call('POST', '/v1/chats', alice.token, { kind: 'direct', members: [{ userId: bob.id }] }));
  const directMessage = await sendText(direct.chat.id, bob.token, `direct ${marker}`);

  const visitor = await session(tenant.domain, 'Victim visitor', `${marker}@victim.example`);
  const opened = await ok<{ chat: { chat: { id: string } } }>('open live chat', call('POST', '/v1/livechat/chats', visitor.token, { subject: `subject ${marker}` }));
  const livechatId = opened.chat.chat.id;
  const livechatMessage = await sendText(livechatId, visitor.token, `my card ${marker}`);

  const ccid = tenant.contactCenterId;
  const requested = await ok<{ id: string; secureKey: string }>('customer chat', call('POST', '/api/v2/chats', '', { operationName: 'RequestChat', nickname: 'Cust', subject: marker }, { ContactCenterId: ccid }));
  await ok('customer send', call('POST', `/api/v2/chats/${requested.id}`, '', { operationName: 'SendMessage', secureKey: requested.secureKey, message: `customer ${marker}` }, { ContactCenterId: ccid }));

  const webhook = await ok<{ endpoint?: { id: string }; webhook?: { id: string }; id?: string }>(
    'webhook',
    send(t.url, { method: 'POST', path: '/v1/admin/webhooks', headers: adminA, body: { url: `https://hooks.example.com/${marker}`, description: marker } }),
  );
  const webhookId = webhook.endpoint?.id ?? webhook.webhook?.id ?? webhook.id ?? '';
  await sendText(groupId, alice.token, `after the webhook ${marker}`);
  const deliveries = await ok<{ deliveries: { id: string }[] }>('deliveries', send(t.url, { method: 'GET', path: '/v1/admin/webhook-deliveries', headers: adminA }));
  const department = await ok<{ department: { id: string } }>('department', send(t.url, { method: 'POST', path: '/v1/livechat/departments', headers: adminA, body: { name: 'Sales' } }));
  const apiKey = await ok<{ id: string }>('api key', send(t.url, { method: 'POST', path: '/v1/admin/api-keys', headers: adminA, body: { name: `key ${marker}` } }));
  const canned = await ok<{ cannedResponse: { id: string } }>('canned response', call('POST', '/v1/canned-responses', alice.token, { shortcut: 'mine', text: `canned ${marker}`, scope: 'personal' }));
  const invited = await ok<{ invitation: { id: string } }>(
    'invitation',
    send(t.url, { method: 'POST', path: '/v1/admin/invitations', headers: adminA, body: { email: 'invitee@victim.example', role: 'admin', name: `Invitee ${marker}` } }),
  );
  const invitee = (await t.store.accounts.getAccountByEmail('invitee@victim.example'))?.userId ?? '';
  await ok('offline message', call('POST', '/v1/livechat/offline-messages', '', { domain: tenant.domain, name: 'Off', email: 'off@victim.example', text: `offline ${marker}` }));

  const other = await ok<{ tenant: { id: string; domain: string; contactCenterId: string }; adminKey: string }>(
    'tenant B',
    send(t.url, { method: 'POST', path: '/v1/admin/tenants', headers: adminA, body: { domain: 'OTHERCO', name: 'Other Co' } }),
  );
  const otherUser = await userIn(other.adminKey, 'agent', 'Mallory');
  // Tenant B's staff of the highest ranks: an owner (administers B) and a supervisor (sees B's every chat).
  const otherOwner = await userIn(other.adminKey, 'agent', 'Oscar');
  await t.store.accounts.setRole(other.tenant.id, otherOwner.id, 'owner');
  const otherSupervisor = await userIn(other.adminKey, 'agent', 'Sybil');
  await t.store.accounts.setRole(other.tenant.id, otherSupervisor.id, 'supervisor');
  const otherVisitor = await session('OTHERCO', 'Eve');
  const stranger = await userIn(t.adminKey, 'member', 'Stranger');
  const agentNotInChat = await userIn(t.adminKey, 'agent', 'Agent Two');
  const bot = await userIn(t.adminKey, 'bot', 'Bot');
  const otherVisitorA = await session(tenant.domain, 'Other visitor');

  return {
    t,
    marker,
    tenantA: { id: tenant.id, domain: tenant.domain, ccid },
    tenantB: { id: other.tenant.id, domain: other.tenant.domain, ccid: other.tenant.contactCenterId, adminKey: other.adminKey },
    alice,
    bob,
    visitor,
    group: { id: groupId, messageId: groupMessage, mediaMessageId },
    direct: { id: direct.chat.id, messageId: directMessage },
    livechat: { id: livechatId, messageId: livechatMessage },
    customer: { id: requested.id, secureKey: requested.secureKey },
    webhook: { id: webhookId },
    deliveryId: deliveries.deliveries[0]?.id ?? 'dlv_none',
    departmentId: department.department.id,
    apiKeyId: apiKey.id,
    cannedId: canned.cannedResponse.id,
    invitation: { id: invited.invitation.id, userId: invitee },
    credentials: {
      otherTenantAdmin: other.adminKey,
      otherTenantOwner: otherOwner.token,
      otherTenantSupervisor: otherSupervisor.token,
      otherTenantUser: otherUser.token,
      otherTenantVisitor: otherVisitor.token,
      stranger: stranger.token,
      agentNotInChat: agentNotInChat.token,
      bot: bot.token,
      otherVisitor: otherVisitorA.token,
      anonymous: '',
    },
    ids: {
      otherTenantAdmin: '',
      otherTenantOwner: otherOwner.id,
      otherTenantSupervisor: otherSupervisor.id,
      otherTenantUser: otherUser.id,
      otherTenantVisitor: otherVisitor.id,
      stranger: stranger.id,
      agentNotInChat: agentNotInChat.id,
      bot: bot.id,
      otherVisitor: otherVisitorA.id,
      anonymous: '',
    },
  };
}

/** Uploads a text document and sends it to the chat; the message id. */
async function uploadDocument(t: TestServer, token: string, chatId: string, text: string): Promise<string> {
  const boundary = `----sec${randomBytes(6).toString('hex')}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="notes.txt"\r\nContent-Type: text/plain\r\n\r\n`),
    Buffer.from(text),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const up = await send(t.url, { method: 'POST', path: '/v1/media', headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` }, raw: body });
  if (up.status !== 201) throw new Error(`upload: ${up.status} ${up.text}`);
  const mediaId = (up.json as { media: { id: string } }).media.id;
  const sent = await send(t.url, { method: 'POST', path: `/v1/chats/${chatId}/messages`, headers: { authorization: `Bearer ${token}` }, body: { messageType: 'DOCUMENT', content: { mediaId } } });
  if (sent.status !== 201) throw new Error(`send document: ${sent.status} ${sent.text}`);
  return (sent.json as { message: { id: string } }).message.id;
}
