import type { FastifyInstance } from 'fastify';
import type { Services } from '../../domain/index.js';
import { ctliveRoutes } from '../compat/ctlive/routes.js';
import { genesysRoutes } from '../compat/genesys/routes.js';
import { livechatRoutes } from './livechat.js';

/**
 * Live chat over HTTP, each part in its own scope: the native routes under `/v1/livechat`, seed 000's
 * CTLive routes under `/livechat/:domain?/` (`{result, data, error}` answers) and seed 003's customer
 * chat API under `/api/v2/chats` (`statusCode` answers, form bodies accepted).
 */
export async function registerLivechat(app: FastifyInstance, services: Services): Promise<void> {
  await app.register(
    (instance, _opts, done) => {
      livechatRoutes(services)(instance);
      done();
    },
    { prefix: '/v1' },
  );
  await app.register((instance, _opts, done) => {
    ctliveRoutes(services)(instance);
    done();
  });
  await app.register((instance, _opts, done) => {
    genesysRoutes(services)(instance);
    done();
  });
}
