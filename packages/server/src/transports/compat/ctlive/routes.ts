import type { FastifyPluginCallback, FastifyReply, FastifyRequest } from 'fastify';
import Type, { type Static } from 'typebox';
import { IdSchema, LIMITS, ParleyError, isParleyError, type ErrorBody } from '@parley/protocol';
import type { Actor, Services } from '../../../domain/index.js';
import { actorOf } from '../../rest/auth.js';
import { requireCapability } from '../../../authz/index.js';
import { toParleyError } from '../../rest/errors.js';
import { multimediaObject } from '../multimedia-object.js';

/** Every CTLive answer: `{result, data, error}`. */
export interface CtliveAnswer<T> {
  result: boolean;
  data: T | null;
  error: ErrorBody | null;
}

const Domain = Type.Optional(Type.String({ minLength: 1, maxLength: 64 }));
const ChatParams = Type.Object({ domain: Domain, chatId: IdSchema });
const MessageParams = Type.Object({ domain: Domain, messageId: IdSchema });
const DomainParams = Type.Object({ domain: Domain });
const FormatQuery = Type.Object(
  { format: Type.Optional(Type.Union([Type.Literal('fullsize'), Type.Literal('thumbnail'), Type.Literal('link')])) },
  { additionalProperties: false },
);
/** The chat id as CTLive clients spell it (`chatId`, `chatID`). */
const EndBody = Type.Object({ chatId: Type.Optional(IdSchema), chatID: Type.Optional(IdSchema) });
const SendBody = Type.Object({ text: Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.textLength })), message: Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.textLength })), id: Type.Optional(IdSchema) });

/** The caller (an agent's token or an admin key), who must belong to the domain when one is named. */
async function callerOf(services: Services, request: FastifyRequest, domain: string | undefined): Promise<Actor> {
  const actor = await actorOf(services, request);
  requireCapability(actor, 'routeLivechat', 'CTLive routes are for agents and admin keys');
  // Another tenant's domain: nothing of it exists for this caller.
  if (domain !== undefined && domain !== actor.tenant.domain) throw new ParleyError('E_CHAT_NOT_FOUND', `Nothing found in domain ${domain}`);
  return actor;
}

function ok<T>(data: T): CtliveAnswer<T> {
  return { result: true, data, error: null };
}

/**
 * Seed 000's CTLive REST routes, each under `/livechat/<domain>/…` and `/livechat/…`, authenticated
 * as agents or admin keys, answering `{result, data, error}` (errors too, with the code's status).
 * `downloadDocument` lives with the media routes (compat/download-document.ts).
 */
export function ctliveRoutes(services: Services): FastifyPluginCallback {
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
      app.get<{ Params: Static<typeof ChatParams> }>(path, { schema: { params: ChatParams } }, async (request) => {
        const actor = await callerOf(services, request, request.params.domain);
        return ok(await lc.transcripts.json(actor, request.params.chatId));
      });
    }

    for (const path of both('getContactTranscriptByChatID/:chatId')) {
      app.get<{ Params: Static<typeof ChatParams> }>(path, { schema: { params: ChatParams } }, async (request) => {
        const actor = await callerOf(services, request, request.params.domain);
        const { chatId } = request.params;
        const [transcript, html, savedAt] = await Promise.all([
          lc.transcripts.json(actor, chatId),
          lc.transcripts.html(actor, chatId),
          lc.transcripts.savedAt(actor, chatId),
        ]);
        return ok({ chatID: chatId, domain: actor.tenant.domain, savedAt, transcript, html });
      });
    }

    for (const path of both('getMultimediaMessageByMessageID/:messageId')) {
      app.get<{ Params: Static<typeof MessageParams>; Querystring: Static<typeof FormatQuery> }>(
        path,
        { schema: { params: MessageParams, querystring: FormatQuery } },
        async (request) => {
          const actor = await callerOf(services, request, request.params.domain);
          const found = await services.media.locateById(actor, request.params.messageId);
          return multimediaObject(services, found, request.query.format ?? 'fullsize', actor.tenant.domain);
        },
      );
    }

    for (const path of both('endContactByChatID')) {
      app.post<{ Params: Static<typeof DomainParams>; Body: Static<typeof EndBody> }>(path, { schema: { params: DomainParams, body: EndBody } }, async (request) => {
        const actor = await callerOf(services, request, request.params.domain);
        const chatId = request.body.chatId ?? request.body.chatID;
        if (chatId === undefined) throw new ParleyError('E_VALIDATION', 'chatId is required', { path: '/chatId' });
        await lc.end(actor, chatId);
        return ok({ chatID: chatId });
      });
    }

    for (const path of both('sendTextMessageToActiveChat/:chatId')) {
      app.post<{ Params: Static<typeof ChatParams>; Body: Static<typeof SendBody> }>(path, { schema: { params: ChatParams, body: SendBody } }, async (request) => {
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
