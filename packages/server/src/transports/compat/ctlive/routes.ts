import type { FastifyPluginCallback, FastifyReply, FastifyRequest, FastifySchema } from 'fastify';
import type { Static, TSchema } from 'typebox';
import {
  ChatHistoryAnswerSchema,
  ContactTranscriptAnswerSchema,
  CtliveChatParamsSchema as ChatParams,
  CtliveDomainParamsSchema as DomainParams,
  CtliveFailureSchema,
  CtliveMessageParamsSchema as MessageParams,
  EndContactBodySchema as EndBody,
  EndedContactAnswerSchema,
  MultimediaFormatQuerySchema as FormatQuery,
  MultimediaObjectSchema,
  ParleyError,
  SendTextBodySchema as SendBody,
  SentTextAnswerSchema,
  isParleyError,
  type ContactTranscript,
  type CtliveAnswer,
  type EndContactBody,
  type SendTextBody,
} from '@parley/protocol';
import type { Actor, Services } from '../../../domain/index.js';
import { actorOf, type CallerServices } from '../../rest/auth.js';
import { requireCapability } from '../../../authz/index.js';
import { toParleyError } from '../../rest/errors.js';
import { multimediaObject, type MultimediaServices } from '../multimedia-object.js';

/** A route's schemas: its parameters, what it answers, and the failure answer. */
function schemaOf(answer: TSchema, request: FastifySchema): FastifySchema {
  return { ...request, response: { 200: answer, '4xx': CtliveFailureSchema, '5xx': CtliveFailureSchema } };
}

/** The caller (an agent's token or an admin key), who must belong to the domain when one is named. */
async function callerOf(services: CallerServices, request: FastifyRequest, domain: string | undefined): Promise<Actor> {
  const actor = await actorOf(services, request);
  requireCapability(actor, 'routeLivechat', 'CTLive routes are for agents and admin keys');
  // Another tenant's domain: nothing of it exists for this caller.
  if (domain !== undefined && domain !== actor.tenant.domain) throw new ParleyError('E_CHAT_NOT_FOUND', `Nothing found in domain ${domain}`);
  return actor;
}

function ok<T>(data: T): CtliveAnswer<T> {
  return { result: true, data, error: null };
}

/** The facades the CTLive routes use. */
export type CtliveRoutesServices = CallerServices & MultimediaServices & Pick<Services, 'access' | 'messages'>;

/**
 * Seed 000's CTLive REST routes, each under `/livechat/<domain>/…` and `/livechat/…`, authenticated
 * as agents or admin keys, answering `{result, data, error}` (errors too, with the code's status).
 * `downloadDocument` lives with the media routes (compat/download-document.ts).
 */
export function ctliveRoutes(services: CtliveRoutesServices): FastifyPluginCallback {
  const lc = services.livechat;
  return (app, _opts, done) => {
    app.setErrorHandler((err: unknown, request: FastifyRequest, reply: FastifyReply) => {
      const parley = toParleyError(err);
      if (!isParleyError(err) && parley.code === 'E_INTERNAL') request.log.error({ err }, 'ctlive route failed');
      if (parley.retryAfter !== undefined) void reply.header('retry-after', String(parley.retryAfter));
      const body: CtliveAnswer<never> = { result: false, data: null, error: parley.toBody() };
      return reply.code(parley.status).send(body);
    });

    const both = (path: string): string[] => [`/${path}`, `/:domain/${path}`];

    for (const path of both('getChatHistory/:chatId')) {
      app.get<{ Params: Static<typeof ChatParams> }>(path, { schema: schemaOf(ChatHistoryAnswerSchema, { params: ChatParams }) }, async (request) => {
        const actor = await callerOf(services, request, request.params.domain);
        return ok(await lc.transcripts.json(actor, request.params.chatId));
      });
    }

    for (const path of both('getContactTranscriptByChatID/:chatId')) {
      app.get<{ Params: Static<typeof ChatParams> }>(path, { schema: schemaOf(ContactTranscriptAnswerSchema, { params: ChatParams }) }, async (request) => {
        const actor = await callerOf(services, request, request.params.domain);
        const { chatId } = request.params;
        const [transcript, html, savedAt] = await Promise.all([
          lc.transcripts.json(actor, chatId),
          lc.transcripts.html(actor, chatId),
          lc.transcripts.savedAt(actor, chatId),
        ]);
        const data: ContactTranscript = { chatID: chatId, domain: actor.tenant.domain, savedAt, transcript, html };
        return ok(data);
      });
    }

    for (const path of both('getMultimediaMessageByMessageID/:messageId')) {
      app.get<{ Params: Static<typeof MessageParams>; Querystring: Static<typeof FormatQuery> }>(
        path,
        { schema: schemaOf(MultimediaObjectSchema, { params: MessageParams, querystring: FormatQuery }) },
        async (request) => {
          const actor = await callerOf(services, request, request.params.domain);
          const found = await services.media.locateById(actor, request.params.messageId);
          return multimediaObject(services, found, request.query.format ?? 'fullsize', actor.tenant.domain);
        },
      );
    }

    for (const path of both('endContactByChatID')) {
      app.post<{ Params: Static<typeof DomainParams>; Body: EndContactBody }>(path, { schema: schemaOf(EndedContactAnswerSchema, { params: DomainParams, body: EndBody }) }, async (request) => {
        const actor = await callerOf(services, request, request.params.domain);
        const chatId = request.body.chatId ?? request.body.chatID;
        if (chatId === undefined) throw new ParleyError('E_VALIDATION', 'chatId is required', { path: '/chatId' });
        await lc.end(actor, chatId);
        return ok({ chatID: chatId });
      });
    }

    for (const path of both('sendTextMessageToActiveChat/:chatId')) {
      app.post<{ Params: Static<typeof ChatParams>; Body: SendTextBody }>(path, { schema: schemaOf(SentTextAnswerSchema, { params: ChatParams, body: SendBody }) }, async (request) => {
        const actor = await callerOf(services, request, request.params.domain);
        const text = request.body.text ?? request.body.message;
        if (text === undefined) throw new ParleyError('E_VALIDATION', 'text is required', { path: '/text' });
        const { chat } = await services.access.livechat(actor, request.params.chatId);
        if (chat.state !== 'active' && chat.state !== 'queued' && chat.state !== 'bot') throw new ParleyError('E_CHAT_ENDED', `Chat ${chat.id} is not active`);
        const message = await services.messages.send(actor, { chatId: chat.id, messageType: 'TEXT', content: { text }, ...(request.body.id ? { id: request.body.id } : {}) });
        return ok(message);
      });
    }
    done();
  };
}
