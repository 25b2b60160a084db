// Suite 2: crash consistency. Many cycles of SIGKILL at a random moment of a send storm, on SQLite
// and on PostgreSQL: 0 acknowledged messages missing after restart, 0 duplicates after the client
// retries everything it was not sure of. `npm run reliability -- --cycles 200` for the long form.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startServerProcess, type ServerProcess } from '../helpers/process.js';
import { TEST_DATABASE_URL, testStores } from '../helpers/stores.js';
import { report } from './support/figures.js';
import { History } from './support/history.js';
import { readChat } from './support/read-chat.js';
import { CRASH_CYCLES } from './support/scale.js';
import { ackedIds, retryUnknown, storm, stormChat } from './support/send-storm.js';

const ADMIN_KEY = 'pk_crash_cycles_admin_key_00000000';
const SECRET = 'crash-cycles-token-secret-0123456789abcdef';

for (const backend of await testStores()) {
  describe(`crash consistency: ${CRASH_CYCLES} SIGKILL cycles (${backend.name})`, { skip: backend.skip ?? false }, () => {
    let dataDir: string;
    let proc: ServerProcess | undefined;
    let env: Record<string, string>;
    let schema: string | undefined;
    before(async () => {
      dataDir = await mkdtemp(join(tmpdir(), 'parley-crash-cycles-'));
      env = { PARLEY_DATA_DIR: dataDir, PARLEY_ADMIN_KEY: ADMIN_KEY, PARLEY_TOKEN_SECRET: SECRET, PARLEY_TOKEN_TTL_SECONDS: '36000', PARLEY_RATE_HTTP_PER_IP: '0', PARLEY_RATE_HTTP_PER_USER: '0', PARLEY_RATE_WS_FRAMES: '0' };
      if (backend.name === 'postgres') {
        schema = `parley_crash_${randomBytes(5).toString('hex')}`;
        const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
        await client.connect();
        await client.query(`create schema "${schema}"`);
        await client.end();
        env.PARLEY_DATABASE_URL = `${TEST_DATABASE_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
      }
    });
    after(async () => {
      await proc?.kill();
      await rm(dataDir, { recursive: true, force: true });
      if (schema) {
        const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
        await client.connect();
        await client.query(`drop schema if exists "${schema}" cascade`);
        await client.end();
      }
    });

    it('loses no acknowledged message and stores every retried one exactly once', async () => {
      proc = await startServerProcess(env);
      const { users, chatId } = await stormChat(proc.url, ADMIN_KEY, 4);
      const chat = { id: chatId };
      const history = new History();
      const restarts: number[] = [];
      for (let cycle = 0; cycle < CRASH_CYCLES; cycle++) {
        const senders = users.map((u) => storm(proc!.url, u.token, chat.id, history));
        await new Promise((r) => setTimeout(r, 200 + Math.random() * 600));
        await proc.kill('SIGKILL');
        await Promise.all(senders);
        const started = Date.now();
        proc = await startServerProcess(env);
        restarts.push(Date.now() - started);
        // Nothing acknowledged so far may be missing after this restart.
        const stored = new Set((await readChat(proc.url, users[0]!.token, chat.id)).map((m) => m.id));
        const lost = ackedIds(history).filter((id) => !stored.has(id));
        assert.deepEqual(lost, [], `cycle ${cycle}: acknowledged messages missing after restart`);
      }
      // The client retries every send whose fate it does not know, with its original id.
      const unknown = await retryUnknown(proc.url, users, chat.id, history);
      const stored = await readChat(proc.url, users[0]!.token, chat.id);
      const problems = history.check(new Map([[chat.id, stored]]));
      assert.deepEqual(problems.slice(0, 20), []);
      assert.equal(new Set(stored.map((m) => m.id)).size, stored.length, 'no duplicates');
      assert.ok(stored.length >= history.acked, 'every acknowledged message is stored');
      report(`crash-cycles-${backend.name}`, {
        cycles: CRASH_CYCLES,
        attempted: history.sent,
        ackedBeforeKills: history.acked - unknown.length,
        unknownRetried: unknown.length,
        stored: stored.length,
        restartMsP50: [...restarts].sort((a, b) => a - b)[Math.floor(restarts.length / 2)] ?? 0,
      });
    });
  });
}
