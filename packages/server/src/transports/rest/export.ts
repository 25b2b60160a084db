import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import Type, { type Static } from 'typebox';
import { IdSchema, SeedMessagesSchema, type SeedMessage } from '@parley/protocol';
import type { Services } from '../../domain/index.js';
import { adminOf, type CallerServices } from './auth.js';
import { answers } from './responses.js';

const ChatParams = Type.Object({ chatId: IdSchema });
/** Bytes gathered before a write: few writes, bounded memory. */
const CHUNK_BYTES = 64 * 1024;

/** Streams a JSON array from items, the first one already read. */
async function* jsonArray(first: IteratorResult<SeedMessage, void>, rest: AsyncIterator<SeedMessage, void, undefined>): AsyncGenerator<string> {
  let chunk = '[';
  let item = first;
  let separator = '';
  while (item.done !== true) {
    chunk += separator + JSON.stringify(item.value);
    separator = ',';
    if (chunk.length >= CHUNK_BYTES) {
      yield chunk;
      chunk = '';
    }
    item = await rest.next();
  }
  yield `${chunk}]`;
}

/** The facades the export route uses. */
export type ExportRoutesServices = CallerServices & Pick<Services, 'messages'>;

/**
 * `GET /chats/:chatId/export` (admin): the chat as a JSON array of seed 001 objects `{data, room}`, in
 * seq order, streamed page by page.
 */
export function exportRoutes(services: ExportRoutesServices) {
  return (app: FastifyInstance): void => {
    app.get<{ Params: Static<typeof ChatParams> }>('/chats/:chatId/export', { schema: { params: ChatParams, response: answers({ 200: SeedMessagesSchema }) } }, async (request, reply) => {
      const admin = await adminOf(services, request);
      const messages = services.messages.export(admin, request.params.chatId);
      // The first item is read before answering, so a missing chat is a plain 404, not a broken stream.
      const first = await messages.next();
      return reply.type('application/json; charset=utf-8').send(Readable.from(jsonArray(first, messages)));
    });
  };
}
