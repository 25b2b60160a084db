import multipart from '@fastify/multipart';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import Type, { type Static } from 'typebox';
import {
  DownloadTokenSchema,
  ErrorResponseSchema,
  HistoryPageSchema,
  IdSchema,
  MediaResponseSchema,
  MultimediaObjectSchema,
  ParleyError,
  isParleyError,
} from '@parley/protocol';
import { actorOf, type CallerServices } from './auth.js';
import { openFilePart, watchFilePart } from './multipart-guard.js';
import { toParleyError } from './errors.js';
import { sendMediaFile } from './send-file.js';
import { multimediaObject, type MultimediaObject, type MultimediaServices } from '../compat/multimedia-object.js';
import { toMediaView } from '../wire/media.js';
import { answers } from './responses.js';

const ChatParams = Type.Object({ chatId: IdSchema });
const MessageParams = Type.Object({ chatId: IdSchema, messageId: IdSchema });
const TokenBody = Type.Object({ ttlSeconds: Type.Optional(Type.Integer({ minimum: 1, maximum: 24 * 3600 })) }, { additionalProperties: false });
const UploadQuery = Type.Object(
  { messageType: Type.Optional(Type.Union([Type.Literal('IMAGE'), Type.Literal('DOCUMENT'), Type.Literal('AUDIO'), Type.Literal('VIDEO')])) },
  { additionalProperties: false },
);
const FormatQuery = Type.Object(
  { format: Type.Optional(Type.Union([Type.Literal('fullsize'), Type.Literal('thumbnail'), Type.Literal('link')])) },
  { additionalProperties: false },
);
const DownloadQuery = Type.Object(
  { fileToken: Type.String({ minLength: 1, maxLength: 4096 }), fileKey: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) },
  { additionalProperties: false },
);
const MediaListQuery = Type.Object({ lastMessageId: Type.Optional(IdSchema) }, { additionalProperties: false });
/** Seed 000's multimedia object answers its failures in its own shape; errors before the route in the common one. */
const MultimediaFailure = Type.Union([MultimediaObjectSchema, ErrorResponseSchema]);
/** A file's bytes, with its own content type; a range request answers 206 with the part asked for. */
const FileBytes = { content: { 'application/octet-stream': { schema: Type.String({ format: 'binary', description: "The file's bytes, served with its sniffed type" }) } } };

/** The facades the media routes use (`livechat` names the sender in a multimedia object). */
export type MediaRoutesServices = CallerServices & MultimediaServices;

/**
 * The native media API: upload as a multipart stream, seed 000's multimedia object, seed 004's file
 * token download and media-message pages; the multipart parser lives in this plugin's scope only.
 */
export function mediaRoutes(services: MediaRoutesServices): FastifyPluginAsync {
  return async (app) => {
    // Limits per request come from the tenant's plan (`request.file({limits})`); these are the ceilings.
    await app.register(multipart, { limits: { files: 1, fields: 10, fieldSize: 1024, parts: 12, headerPairs: 100 } });
    app.post<{ Querystring: Static<typeof UploadQuery> }>('/media', { schema: { querystring: UploadQuery, response: answers({ 201: MediaResponseSchema }) } }, async (request, reply) => {
      const actor = await actorOf(services, request);
      if (!request.isMultipart()) throw new ParleyError('E_UNSUPPORTED_MEDIA_TYPE', 'Upload the file as multipart/form-data, in a part named "file"');
      const max = actor.tenant.plan.limits.maxFileBytes;
      const part = await openFilePart(() => request.file({ limits: { fileSize: max + 1, files: 1, fields: 10, fieldSize: 1024, parts: 12 }, throwFileSizeLimit: false }));
      if (!part) throw new ParleyError('E_VALIDATION', 'No file in the upload', { path: '/file' });
      const watch = watchFilePart(request, part.file);
      const field = part.fields.messageType;
      const fieldValue = field && !Array.isArray(field) && field.type === 'field' ? String(field.value) : undefined;
      try {
        const media = await services.media
          .ingest(actor, part.file, { fileName: part.filename, mimeType: part.mimetype, messageType: request.query.messageType ?? fieldValue }, watch.signal)
          .catch((err: unknown) => {
            throw watch.failure() ?? err;
          });
        return await reply.code(201).send({ media: toMediaView(media) });
      } finally {
        watch.stop();
        // Whatever was not read (a refused upload) is drained, never buffered.
        part.file.resume();
      }
    });

    app.get<{ Params: Static<typeof MessageParams>; Querystring: Static<typeof FormatQuery> }>(
      '/chats/:chatId/messages/:messageId/media',
      { schema: { params: MessageParams, querystring: FormatQuery, response: { 200: MultimediaObjectSchema, '4xx': MultimediaFailure, '5xx': MultimediaFailure } } },
      async (request, reply): Promise<MultimediaObject | FastifyReply> => {
        try {
          const actor = await actorOf(services, request);
          const found = await services.media.locate(actor, request.params.chatId, request.params.messageId);
          return await multimediaObject(services, found, request.query.format ?? 'fullsize', actor.tenant.domain);
        } catch (err) {
          const parley = toParleyError(err);
          if (!isParleyError(err)) request.log.error({ err }, 'multimedia object failed');
          const body: MultimediaObject = { result: false, data: null, error: parley.toBody() };
          return reply.code(parley.status).send(body);
        }
      },
    );

    app.post<{ Params: Static<typeof MessageParams>; Body: Static<typeof TokenBody> }>(
      '/chats/:chatId/messages/:messageId/media/token',
      {
        schema: { params: MessageParams, body: TokenBody, response: answers({ 201: DownloadTokenSchema }) },
        // The body is optional: without one the token gets the default lifetime.
        preValidation: (request, _reply, done) => {
          request.body ??= {};
          done();
        },
      },
      async (request, reply) => {
        const actor = await actorOf(services, request);
        const issued = await services.media.issueDownloadToken(actor, request.params.chatId, request.params.messageId, request.body.ttlSeconds);
        const url = `/v1/media/download?fileToken=${encodeURIComponent(issued.fileToken)}&fileKey=${encodeURIComponent(issued.fileKey)}`;
        return reply.code(201).send({ ...issued, url });
      },
    );

    app.get<{ Querystring: Static<typeof DownloadQuery> }>('/media/download', { schema: { querystring: DownloadQuery, response: answers({ 200: FileBytes, 206: FileBytes }) } }, async (request, reply) => {
      const found = await services.media.byToken(request.query.fileToken, request.query.fileKey);
      return sendMediaFile(request, reply, services.media, await services.media.file(found.media, 'original'));
    });

    app.get<{ Params: Static<typeof ChatParams>; Querystring: Static<typeof MediaListQuery> }>(
      '/chats/:chatId/media',
      { schema: { params: ChatParams, querystring: MediaListQuery, response: answers({ 200: HistoryPageSchema }) } },
      async (request) => {
        const actor = await actorOf(services, request);
        return services.media.mediaMessages(actor, request.params.chatId, request.query.lastMessageId);
      },
    );
  };
}
