import type { FastifyPluginCallback } from 'fastify';
import Type, { type Static } from 'typebox';
import {
  ChatListResponseSchema,
  ChatResponseSchema,
  CreateChatSchema,
  HistoryPageSchema,
  HistoryQuerySchema,
  IdSchema,
  MeResponseSchema,
  MemberResponseSchema,
  MemberRoleSchema,
  MembersResponseSchema,
  MessageResponseSchema,
  ReceiptResponseSchema,
  ReceiptSchema,
  SendMessageSchema,
  TypingSchema,
  getJid,
} from '@parley/protocol';
import type { Services } from '../../domain/index.js';
import { toUser } from '../wire/user.js';
import { actorOf, userOf, type CallerServices } from './auth.js';
import { NoContent, answers } from './responses.js';

const ChatParams = Type.Object({ chatId: IdSchema });
const MessageParams = Type.Object({ chatId: IdSchema, messageId: IdSchema });
const MemberParams = Type.Object({ chatId: IdSchema, userId: IdSchema });
const RecentQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    archived: Type.Optional(Type.Boolean()),
    beforeActivity: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);
const SendBody = Type.Omit(SendMessageSchema, ['chatId']);
const HistoryQuery = Type.Omit(HistoryQuerySchema, ['chatId']);
const ReceiptBody = Type.Omit(ReceiptSchema, ['chatId']);
const TypingBody = Type.Omit(TypingSchema, ['chatId']);
const AddMemberBody = Type.Object({ userId: IdSchema, role: Type.Optional(MemberRoleSchema) }, { additionalProperties: false });

/** The facades the chat routes use. */
export type ChatRoutesServices = CallerServices & Pick<Services, 'chats' | 'messages' | 'receipts' | 'typing'>;

/** The native REST API for users: chats, members, messages, receipts, typing. */
export function chatRoutes(services: ChatRoutesServices): FastifyPluginCallback {
  return (app, _opts, done) => {
    app.get('/me', { schema: { response: answers({ 200: MeResponseSchema }) } }, async (request) => {
      const actor = await userOf(services, request);
      return { user: toUser(actor.user), jid: getJid(actor.user.id, actor.tenant.domain) };
    });

    app.post<{ Body: Static<typeof CreateChatSchema> }>('/chats', { schema: { body: CreateChatSchema, response: answers({ 201: ChatResponseSchema }) } }, async (request, reply) => {
      const actor = await actorOf(services, request);
      return reply.code(201).send({ chat: await services.chats.create(actor, request.body) });
    });

    app.get<{ Querystring: Static<typeof RecentQuery> }>('/chats', { schema: { querystring: RecentQuery, response: answers({ 200: ChatListResponseSchema }) } }, async (request) => {
      const actor = await actorOf(services, request);
      return { chats: await services.chats.recent(actor, request.query) };
    });

    app.get<{ Params: Static<typeof ChatParams> }>('/chats/:chatId', { schema: { params: ChatParams, response: answers({ 200: ChatResponseSchema }) } }, async (request) => {
      const actor = await actorOf(services, request);
      return { chat: await services.chats.get(actor, request.params.chatId) };
    });

    app.get<{ Params: Static<typeof ChatParams> }>('/chats/:chatId/members', { schema: { params: ChatParams, response: answers({ 200: MembersResponseSchema }) } }, async (request) => {
      const actor = await actorOf(services, request);
      return { members: await services.chats.members(actor, request.params.chatId) };
    });

    app.post<{ Params: Static<typeof ChatParams>; Body: Static<typeof AddMemberBody> }>(
      '/chats/:chatId/members',
      { schema: { params: ChatParams, body: AddMemberBody, response: answers({ 201: MemberResponseSchema }) } },
      async (request, reply) => {
        const actor = await actorOf(services, request);
        const member = await services.chats.addMember(actor, request.params.chatId, request.body.userId, request.body.role);
        return reply.code(201).send({ member });
      },
    );

    app.delete<{ Params: Static<typeof MemberParams> }>(
      '/chats/:chatId/members/:userId',
      { schema: { params: MemberParams, response: answers({ 204: NoContent }) } },
      async (request, reply) => {
        const actor = await actorOf(services, request);
        await services.chats.removeMember(actor, request.params.chatId, request.params.userId);
        return reply.code(204).send();
      },
    );

    app.post<{ Params: Static<typeof ChatParams>; Body: Static<typeof SendBody> }>(
      '/chats/:chatId/messages',
      { schema: { params: ChatParams, body: SendBody, response: answers({ 201: MessageResponseSchema }) } },
      async (request, reply) => {
        const actor = await actorOf(services, request);
        const message = await services.messages.send(actor, { ...request.body, chatId: request.params.chatId });
        return reply.code(201).send({ message });
      },
    );

    app.get<{ Params: Static<typeof ChatParams>; Querystring: Static<typeof HistoryQuery> }>(
      '/chats/:chatId/messages',
      { schema: { params: ChatParams, querystring: HistoryQuery, response: answers({ 200: HistoryPageSchema }) } },
      async (request) => {
        const actor = await actorOf(services, request);
        return services.messages.history(actor, { ...request.query, chatId: request.params.chatId });
      },
    );

    app.get<{ Params: Static<typeof MessageParams> }>(
      '/chats/:chatId/messages/:messageId',
      { schema: { params: MessageParams, response: answers({ 200: MessageResponseSchema }) } },
      async (request) => {
        const actor = await actorOf(services, request);
        return { message: await services.messages.get(actor, request.params.chatId, request.params.messageId) };
      },
    );

    app.post<{ Params: Static<typeof ChatParams>; Body: Static<typeof ReceiptBody> }>(
      '/chats/:chatId/receipts',
      { schema: { params: ChatParams, body: ReceiptBody, response: answers({ 200: ReceiptResponseSchema }) } },
      async (request) => {
        const actor = await actorOf(services, request);
        return services.receipts.mark(actor, { ...request.body, chatId: request.params.chatId });
      },
    );

    app.post<{ Params: Static<typeof ChatParams>; Body: Static<typeof TypingBody> }>(
      '/chats/:chatId/typing',
      { schema: { params: ChatParams, body: TypingBody, response: answers({ 204: NoContent }) } },
      async (request, reply) => {
        const actor = await actorOf(services, request);
        await services.typing.set(actor, { ...request.body, chatId: request.params.chatId });
        return reply.code(204).send();
      },
    );
    done();
  };
}
