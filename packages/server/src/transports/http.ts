import type { FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import type { Services } from '../domain/index.js';
import { ctliveRoutes } from './compat/ctlive/routes.js';
import { downloadDocumentRoutes } from './compat/download-document.js';
import { genesysRoutes } from './compat/genesys/routes.js';
import { adminRoutes } from './rest/admin.js';
import { chatRoutes } from './rest/chats.js';
import { livechatRoutes } from './rest/livechat.js';
import { mediaRoutes } from './rest/media.js';
import { messengerRoutes } from './rest/messenger.js';
import { webhookRoutes } from './rest/webhooks.js';
import { signInRoutes } from './rest/sign-in.js';
import { accountLinkRoutes } from './rest/account-links.js';
import { staffAdminRoutes } from './rest/staff-admin.js';
import { widgetAdminRoutes, widgetPublicRoutes } from './rest/widget.js';
import { cannedRoutes } from './rest/canned.js';
import type { Gateway } from './ws/gateway.js';

/**
 * Every route plugin of a node and its prefix, in one place: the WebSocket gateway, the native REST
 * API under `/v1` (sign-in under `/v1/auth`, administration under `/v1/admin`), and the seeds' routes where the seeds put them —
 * seed 000's CTLive routes and `downloadDocument` under `/livechat`, seed 003's customer chat API
 * under `/api/v2`. Each plugin is its own scope: its hooks, parsers and error handler stay inside.
 */
export async function registerRoutes(app: FastifyInstance, services: Services, gateway: Gateway): Promise<void> {
  await app.register(gateway.plugin);
  // Cookies for every route plugin (the refresh cookie of the sign-in routes is the only one).
  await app.register(cookie);
  // Each plugin gets the facades it declares and no others (docs/architecture.md, "Doors").
  const { auth, users, tenants, access, chats, messages, receipts, typing, media, webhooks, messenger, livechat, customerChats, accounts } = services;
  await app.register(signInRoutes({ auth, users, accounts }), { prefix: '/v1/auth' });
  await app.register(accountLinkRoutes({ accounts }), { prefix: '/v1/auth' });
  await app.register(chatRoutes({ auth, users, chats, messages, receipts, typing }), { prefix: '/v1' });
  await app.register(messengerRoutes({ auth, users, messenger }), { prefix: '/v1' });
  await app.register(mediaRoutes({ auth, users, media, livechat }), { prefix: '/v1' });
  await app.register(livechatRoutes({ auth, users, access, livechat }), { prefix: '/v1' });
  await app.register(adminRoutes({ auth, users, tenants, chats, messages }), { prefix: '/v1/admin' });
  await app.register(webhookRoutes({ auth, users, webhooks }), { prefix: '/v1/admin' });
  await app.register(staffAdminRoutes({ auth, users, accounts }), { prefix: '/v1/admin' });
  await app.register(widgetAdminRoutes({ auth, users, tenants }), { prefix: '/v1/admin' });
  await app.register(widgetPublicRoutes({ livechat, tenants }), { prefix: '/v1' });
  await app.register(cannedRoutes({ auth, users, livechat }), { prefix: '/v1' });
  await app.register(ctliveRoutes({ auth, users, access, livechat, media, messages }), { prefix: '/livechat' });
  await app.register(downloadDocumentRoutes({ auth, users, media }), { prefix: '/livechat' });
  await app.register(genesysRoutes({ customerChats }), { prefix: '/api/v2' });
}
