import type { FastifyPluginCallback } from 'fastify';
import type { Static } from 'typebox';
import { CtliveDocumentParamsSchema as Params, DocumentBytesSchema, ErrorResponseSchema, ParleyError } from '@parley/protocol';
import type { Services } from '../../domain/index.js';
import { actorOf, type CallerServices } from '../rest/auth.js';
import { sendMediaFile } from '../rest/send-file.js';

const schema = {
  params: Params,
  response: { 200: DocumentBytesSchema, 206: DocumentBytesSchema, '4xx': ErrorResponseSchema, '5xx': ErrorResponseSchema },
};

/** The facades the downloadDocument route uses. */
export type DownloadDocumentRoutesServices = CallerServices & Pick<Services, 'media'>;

/**
 * Seed 000's `/livechat/:domain?/downloadDocument/:chatId/:messageId`: the binary of a media
 * message, with its sniffed Content-Type and a Content-Disposition (attachment for anything risky).
 * The domain, when given, must be the caller's tenant (another tenant's media is "not found").
 */
export function downloadDocumentRoutes(services: DownloadDocumentRoutesServices): FastifyPluginCallback {
  return (app, _opts, done) => {
    const handler = async (request: { params: Static<typeof Params> } & Parameters<typeof actorOf>[1], reply: Parameters<typeof sendMediaFile>[1]) => {
      const actor = await actorOf(services, request);
      const { domain, chatId, messageId } = request.params;
      if (domain !== undefined && domain !== actor.tenant.domain) throw new ParleyError('E_CHAT_NOT_FOUND', `Chat ${chatId} not found`);
      const found = await services.media.locate(actor, chatId, messageId);
      return sendMediaFile(request, reply, services.media, await services.media.file(found.media, 'original'));
    };
    app.get<{ Params: Static<typeof Params> }>('/downloadDocument/:chatId/:messageId', { schema }, handler);
    app.get<{ Params: Static<typeof Params> }>('/:domain/downloadDocument/:chatId/:messageId', { schema }, handler);
    done();
  };
}
