// The seeds' routes (seed 000's under /livechat, seed 003's under /api/v2) in /openapi.json: each
// answer and each failure documented with the protocol's schema, in the seed's own field names.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../helpers/server.js';

interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  required?: string[];
}
interface Operation {
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}

const json = (op: Operation | undefined, status: string): Schema | undefined => op?.responses?.[status]?.content?.['application/json']?.schema;
const keys = (schema: Schema | undefined): string[] => Object.keys(schema?.properties ?? {}).sort();

describe('OpenAPI document: the seeds’ routes', () => {
  let t: TestServer;
  let paths: Record<string, Record<string, Operation>>;
  before(async () => {
    t = await startTestServer();
    paths = ((await (await fetch(`${t.url}/openapi.json`)).json()) as { paths: typeof paths }).paths;
  });
  after(async () => t.close());

  it('documents a success and a failure answer for every route under /livechat and /api/v2', () => {
    const seeded = Object.entries(paths).filter(([path]) => path.startsWith('/livechat/') || path.startsWith('/api/v2/'));
    const operations = seeded.flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method, op })));
    // Five CTLive routes and downloadDocument, with and without the domain; five customer API routes.
    assert.equal(operations.length, 17);
    for (const { path, method, op } of operations) {
      assert.ok(Object.keys(op.responses ?? {}).includes('200'), `${method} ${path} documents its answer`);
      assert.ok(json(op, '4XX') && json(op, '5XX'), `${method} ${path} documents its failures`);
    }
  });

  it('seed 003: GetMessages entries, the GetChat chat and failures carry the seed’s fields', () => {
    const messages = json(paths['/api/v2/chats/{id}/messages']?.get, '200');
    assert.deepEqual(keys(messages), ['messages', 'statusCode']);
    assert.deepEqual(keys(messages?.properties?.messages?.items), ['from', 'index', 'text', 'type']);
    assert.deepEqual(keys(messages?.properties?.messages?.items?.properties?.from), ['nickname', 'participantId', 'type']);
    const answers = json(paths['/api/v2/chats/{id}']?.get, '200')?.anyOf ?? [];
    assert.deepEqual(
      answers.map((a) => keys(a).join(',')),
      ['chat,statusCode', 'messages,statusCode', 'index,statusCode', 'statusCode'],
    );
    assert.deepEqual(keys(answers[0]?.properties?.chat), ['capabilities', 'id', 'participants', 'state']);
    assert.deepEqual(keys(json(paths['/api/v2/chats']?.post, '200')), ['alias', 'id', 'path', 'secureKey', 'statusCode', 'userId']);
    assert.deepEqual(keys(json(paths['/api/v2/chats']?.post, '4XX')), ['errors', 'message', 'statusCode']);
  });

  it('seed 000: CTLive answers are {result, data, error}; the multimedia object and the transcript keep their names', () => {
    for (const path of ['/livechat/getChatHistory/{chatId}', '/livechat/{domain}/endContactByChatID']) {
      const op = paths[path]?.get ?? paths[path]?.post;
      assert.deepEqual(keys(json(op, '200')), ['data', 'error', 'result'], path);
      assert.deepEqual(keys(json(op, '4XX')), ['data', 'error', 'result'], path);
    }
    const transcript = json(paths['/livechat/getContactTranscriptByChatID/{chatId}']?.get, '200')?.properties?.data;
    assert.deepEqual(keys(transcript), ['chatID', 'domain', 'html', 'savedAt', 'transcript']);
    const media = json(paths['/livechat/getMultimediaMessageByMessageID/{messageId}']?.get, '200')?.properties?.data?.anyOf?.[0];
    assert.deepEqual(keys(media), ['chatID', 'content', 'domain', 'format', 'messageID', 'messageType']);
    assert.deepEqual(keys(media?.properties?.content?.properties?.user), ['beginTime', 'channel', 'endTime', 'firstIP', 'firstTitle', 'firstUri', 'id', 'isAgent', 'isOnline', 'nickname', 'userAgent']);
  });
});
