import type { FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import type { Services } from '../../domain/index.js';
import { downloadDocumentRoutes } from '../compat/download-document.js';
import { mediaRoutes } from './media.js';

/**
 * Media over HTTP: the native routes under `/v1` (with the multipart parser in their scope only) and
 * seed 000's `/livechat/:domain?/downloadDocument/:chatId/:messageId`.
 */
export async function registerMedia(app: FastifyInstance, services: Services): Promise<void> {
  await app.register(
    async (instance) => {
      // Limits per request come from the tenant's plan (`request.file({limits})`); these are the ceilings.
      await instance.register(multipart, { limits: { files: 1, fields: 10, fieldSize: 1024, parts: 12, headerPairs: 100 } });
      mediaRoutes(services)(instance);
    },
    { prefix: '/v1' },
  );
  await app.register((instance, _opts, done) => {
    downloadDocumentRoutes(services)(instance);
    done();
  });
}
