import type { FastifyPluginCallback, FastifyRequest } from 'fastify';
import Type, { type Static } from 'typebox';
import {
  AgentResponseSchema,
  AgentsResponseSchema,
  AvailabilitySchema,
  ChatWithMembersResponseSchema,
  DepartmentResponseSchema,
  DepartmentsResponseSchema,
  IdSchema,
  LIMITS,
  LivechatListResponseSchema,
  LivechatQueueSchema,
  LivechatResponseSchema,
  MemberResponseSchema,
  OfflineMessageResponseSchema,
  OfflineMessagesResponseSchema,
  SeedUserResponseSchema,
  TranscriptResponseSchema,
  VisitorSessionSchema,
  literalUnion,
} from '@parley/protocol';
import type { Actor, Services } from '../../domain/index.js';
import type { TenantRow } from '../../store/index.js';
import { actorOf, checkRequestOrigin, type CallerServices } from './auth.js';
import { actingUser } from '../../authz/index.js';
import { bearerFrom } from '../../auth/index.js';
import { toAgent, toDepartment, toOfflineMessage } from '../wire/livechat.js';
import { NoContent, answers } from './responses.js';

const Text = (max: number) => Type.String({ maxLength: max });
const ChatParams = Type.Object({ chatId: IdSchema });
const UserParams = Type.Object({ userId: IdSchema });
const DepartmentParams = Type.Object({ departmentId: IdSchema });
const TenantRef = {
  domain: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  contactCenterId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
};
const SessionBody = Type.Object(
  {
    ...TenantRef,
    nickname: Type.String({ minLength: 1, maxLength: LIMITS.nickname }),
    email: Type.Optional(Text(254)),
    userAgent: Type.Optional(Text(1000)),
    firstUri: Type.Optional(Text(2000)),
    firstTitle: Type.Optional(Text(500)),
  },
  { additionalProperties: false },
);
const OpenBody = Type.Object({ departmentId: Type.Optional(IdSchema), subject: Type.Optional(Text(LIMITS.title)) }, { additionalProperties: false });
const JoinBody = Type.Object({ nickname: Type.Optional(Text(LIMITS.nickname)) }, { additionalProperties: false });
const TransferBody = Type.Object({ agentId: Type.Optional(IdSchema), departmentId: Type.Optional(IdSchema) }, { additionalProperties: false });
const InviteBody = Type.Object({ agentId: IdSchema }, { additionalProperties: false });
const HandoverBody = Type.Object({ departmentId: Type.Optional(IdSchema) }, { additionalProperties: false });
const TranscriptQuery = Type.Object({ format: Type.Optional(literalUnion(['json', 'html'] as const)) }, { additionalProperties: false });
const QueueQuery = Type.Object({ departmentId: Type.Optional(IdSchema) }, { additionalProperties: false });
const Routing = literalUnion(['auto', 'manual'] as const);
const DepartmentBody = Type.Object(
  { id: Type.Optional(IdSchema), name: Type.String({ minLength: 1, maxLength: 200 }), routing: Type.Optional(Routing) },
  { additionalProperties: false },
);
const DepartmentPatch = Type.Object({ name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })), routing: Type.Optional(Routing) }, { additionalProperties: false });
const AgentBody = Type.Object(
  {
    status: Type.Optional(literalUnion(['available', 'away', 'offline'] as const)),
    maxChats: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
    departments: Type.Optional(Type.Array(IdSchema, { maxItems: 100 })),
  },
  { additionalProperties: false },
);
const AvailabilityQuery = Type.Object({ ...TenantRef, departmentId: Type.Optional(IdSchema) }, { additionalProperties: false });
const OfflineBody = Type.Object(
  {
    ...TenantRef,
    name: Type.String({ minLength: 1, maxLength: LIMITS.nickname }),
    email: Type.String({ minLength: 3, maxLength: 254, pattern: '^[^\\s@]+@[^\\s@]+$' }),
    text: Type.String({ minLength: 1, maxLength: LIMITS.textLength }),
    departmentId: Type.Optional(IdSchema),
  },
  { additionalProperties: false },
);
const OfflineQuery = Type.Object(
  { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })), before: Type.Optional(Type.Integer({ minimum: 0 })) },
  { additionalProperties: false },
);
const EntryBotBody = Type.Object({ userId: Type.Union([IdSchema, Type.Null()]) }, { additionalProperties: false });
const TRANSCRIPT_HTML = Type.String({ description: 'The transcript as a standalone HTML page' });
const viewAnswer = (params: typeof ChatParams) => ({ schema: { params, response: answers({ 200: LivechatResponseSchema }) } });

/** The caller when credentials were given; undefined for anonymous calls. */
async function optionalActor(services: CallerServices, request: FastifyRequest): Promise<Actor | undefined> {
  return bearerFrom(request.headers) === undefined ? undefined : actorOf(services, request);
}

/** The tenant named by the body/query (`domain`, `contactCenterId`) or the `ContactCenterId` header. */
async function tenantOf(services: Pick<Services, 'livechat'>, request: FastifyRequest, ref: { domain?: string; contactCenterId?: string }): Promise<TenantRow> {
  const header = request.headers.contactcenterid;
  const contactCenterId = ref.contactCenterId ?? (typeof header === 'string' ? header : undefined);
  const tenant = await services.livechat.visitors.tenant({ domain: ref.domain, contactCenterId });
  // The widget's anonymous calls name their tenant: a page that tenant does not allow is refused here.
  checkRequestOrigin(tenant, request);
  return tenant;
}

/** The facades the live-chat routes use. */
export type LivechatRoutesServices = CallerServices & Pick<Services, 'access' | 'livechat'>;

/**
 * The native live-chat API under `/v1/livechat`: visitor sessions and chats, the queue, agents'
 * status, picking, joining, transfers, invitations, transcripts, departments, offline messages.
 */
export function livechatRoutes(services: LivechatRoutesServices): FastifyPluginCallback {
  const lc = services.livechat;
  return (app, _opts, done) => {
    app.post<{ Body: Static<typeof SessionBody> }>('/livechat/sessions', { schema: { body: SessionBody, response: answers({ 201: VisitorSessionSchema }) } }, async (request, reply) => {
      const { domain, contactCenterId, ...input } = request.body;
      const returning = await optionalActor(services, request).catch(() => undefined);
      const tenant = returning && !domain && !contactCenterId && request.headers.contactcenterid === undefined ? returning.tenant : await tenantOf(services, request, { domain, contactCenterId });
      const userAgent = input.userAgent ?? (typeof request.headers['user-agent'] === 'string' ? request.headers['user-agent'] : '');
      const session = await lc.visitors.open(tenant, { ...input, userAgent, firstIP: request.ip }, returning);
      return reply.code(201).send(session);
    });

    app.get('/livechat/chats', { schema: { response: answers({ 200: LivechatListResponseSchema }) } }, async (request) => ({ chats: await lc.visitorChats(await actorOf(services, request)) }));

    app.post<{ Body: Static<typeof OpenBody> }>('/livechat/chats', { schema: { body: OpenBody, response: answers({ 201: LivechatResponseSchema }) } }, async (request, reply) => {
      const actor = await actorOf(services, request);
      return reply.code(201).send({ chat: await lc.open(actor, request.body) });
    });

    app.get<{ Params: Static<typeof ChatParams> }>('/livechat/chats/:chatId', viewAnswer(ChatParams), async (request) => ({
      chat: await lc.get(await actorOf(services, request), request.params.chatId),
    }));

    app.get<{ Params: Static<typeof ChatParams> }>('/livechat/chats/:chatId/queue', { schema: { params: ChatParams, response: answers({ 200: LivechatQueueSchema }) } }, async (request) => {
      const view = await lc.get(await actorOf(services, request), request.params.chatId);
      return view.queue;
    });

    app.get<{ Params: Static<typeof ChatParams> }>('/livechat/chats/:chatId/visitor', { schema: { params: ChatParams, response: answers({ 200: SeedUserResponseSchema }) } }, async (request) => {
      const actor = await actorOf(services, request);
      await services.access.livechat(actor, request.params.chatId);
      const row = await lc.row(request.params.chatId);
      return { user: await lc.visitors.seedUser(row.tenantId, row.visitorId) };
    });

    app.post<{ Params: Static<typeof ChatParams>; Body: Static<typeof JoinBody> }>(
      '/livechat/chats/:chatId/join',
      { schema: { params: ChatParams, body: JoinBody, response: answers({ 200: ChatWithMembersResponseSchema }) } },
      async (request) => lc.join(await actorOf(services, request), request.params.chatId),
    );

    app.post<{ Params: Static<typeof ChatParams> }>('/livechat/chats/:chatId/pick', viewAnswer(ChatParams), async (request) => ({
      chat: await lc.pick(await actorOf(services, request), request.params.chatId),
    }));

    app.post<{ Params: Static<typeof ChatParams>; Body: Static<typeof TransferBody> }>(
      '/livechat/chats/:chatId/transfer',
      { schema: { params: ChatParams, body: TransferBody, response: answers({ 200: LivechatResponseSchema }) } },
      async (request) => ({ chat: await lc.transfer(await actorOf(services, request), request.params.chatId, request.body) }),
    );

    app.post<{ Params: Static<typeof ChatParams>; Body: Static<typeof InviteBody> }>(
      '/livechat/chats/:chatId/invite',
      { schema: { params: ChatParams, body: InviteBody, response: answers({ 201: MemberResponseSchema }) } },
      async (request, reply) => reply.code(201).send({ member: await lc.invite(await actorOf(services, request), request.params.chatId, request.body.agentId) }),
    );

    app.post<{ Params: Static<typeof ChatParams>; Body: Static<typeof HandoverBody> }>(
      '/livechat/chats/:chatId/handover',
      { schema: { params: ChatParams, body: HandoverBody, response: answers({ 200: LivechatResponseSchema }) } },
      async (request) => ({ chat: await lc.handover(await actorOf(services, request), request.params.chatId, request.body.departmentId) }),
    );

    app.post<{ Params: Static<typeof ChatParams> }>('/livechat/chats/:chatId/end', { schema: { params: ChatParams, response: answers({ 204: NoContent }) } }, async (request, reply) => {
      await lc.end(await actorOf(services, request), request.params.chatId);
      return reply.code(204).send();
    });

    app.get<{ Params: Static<typeof ChatParams>; Querystring: Static<typeof TranscriptQuery> }>(
      '/livechat/chats/:chatId/transcript',
      {
        schema: {
          params: ChatParams,
          querystring: TranscriptQuery,
          response: answers({
            200: { content: { 'application/json': { schema: TranscriptResponseSchema }, 'text/html': { schema: TRANSCRIPT_HTML } } },
          }),
        },
      },
      async (request, reply) => {
        const actor = await actorOf(services, request);
        if (request.query.format === 'html') {
          const html = await lc.transcripts.html(actor, request.params.chatId);
          return reply
            .type('text/html; charset=utf-8')
            .header('x-content-type-options', 'nosniff')
            .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox")
            .send(html);
        }
        return { chatId: request.params.chatId, messages: await lc.transcripts.json(actor, request.params.chatId) };
      },
    );

    app.get<{ Querystring: Static<typeof QueueQuery> }>('/livechat/queue', { schema: { querystring: QueueQuery, response: answers({ 200: LivechatListResponseSchema }) } }, async (request) => ({
      chats: await lc.listQueue(await actorOf(services, request), request.query.departmentId),
    }));

    app.get('/livechat/departments', { schema: { response: answers({ 200: DepartmentsResponseSchema }) } }, async (request) => ({
      departments: (await lc.departments.list(await actorOf(services, request))).map(toDepartment),
    }));

    app.post<{ Body: Static<typeof DepartmentBody> }>('/livechat/departments', { schema: { body: DepartmentBody, response: answers({ 201: DepartmentResponseSchema }) } }, async (request, reply) =>
      reply.code(201).send({ department: toDepartment(await lc.departments.create(await actorOf(services, request), request.body)) }),
    );

    app.patch<{ Params: Static<typeof DepartmentParams>; Body: Static<typeof DepartmentPatch> }>(
      '/livechat/departments/:departmentId',
      { schema: { params: DepartmentParams, body: DepartmentPatch, response: answers({ 200: DepartmentResponseSchema }) } },
      async (request) => {
        const department = await lc.departments.update(await actorOf(services, request), request.params.departmentId, request.body);
        await lc.router.route(department.tenantId);
        return { department: toDepartment(department) };
      },
    );

    app.get('/livechat/agents', { schema: { response: answers({ 200: AgentsResponseSchema }) } }, async (request) => ({
      agents: (await lc.agents.list(await actorOf(services, request))).map(toAgent),
    }));

    app.put<{ Params: Static<typeof UserParams>; Body: Static<typeof AgentBody> }>(
      '/livechat/agents/:userId',
      { schema: { params: UserParams, body: AgentBody, response: answers({ 200: AgentResponseSchema }) } },
      async (request) => {
        const actor = await actorOf(services, request);
        const me = actingUser(actor);
        const userId = request.params.userId === 'me' && me ? me.id : request.params.userId;
        return { agent: toAgent(await lc.setAgent(actor, userId, request.body)) };
      },
    );

    app.get<{ Querystring: Static<typeof AvailabilityQuery> }>('/livechat/availability', { schema: { querystring: AvailabilityQuery, response: answers({ 200: AvailabilitySchema }) } }, async (request) => {
      const tenant = await tenantOf(services, request, request.query);
      return lc.availability(tenant, request.query.departmentId);
    });

    app.post<{ Body: Static<typeof OfflineBody> }>('/livechat/offline-messages', { schema: { body: OfflineBody, response: answers({ 201: OfflineMessageResponseSchema }) } }, async (request, reply) => {
      const { domain, contactCenterId, ...input } = request.body;
      const actor = await optionalActor(services, request);
      const tenant = actor?.tenant ?? (await tenantOf(services, request, { domain, contactCenterId }));
      const visitorId = actor?.type === 'user' ? actor.user.id : undefined;
      return reply.code(201).send({ message: toOfflineMessage(await lc.leaveOfflineMessage(tenant, input, { visitorId, ip: request.ip })) });
    });

    app.get<{ Querystring: Static<typeof OfflineQuery> }>('/livechat/offline-messages', { schema: { querystring: OfflineQuery, response: answers({ 200: OfflineMessagesResponseSchema }) } }, async (request) => ({
      messages: (await lc.listOfflineMessages(await actorOf(services, request), request.query)).map(toOfflineMessage),
    }));

    app.put<{ Body: Static<typeof EntryBotBody> }>('/livechat/entry-bot', { schema: { body: EntryBotBody, response: answers({ 204: NoContent }) } }, async (request, reply) => {
      await lc.setEntryBot(await actorOf(services, request), request.body.userId);
      return reply.code(204).send();
    });
    done();
  };
}
