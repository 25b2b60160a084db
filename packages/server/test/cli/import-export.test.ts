import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, runParley } from '../helpers/cli.js';
import { testStores } from '../helpers/stores.js';
import { seedObjects, type SeedObject } from './seed-001-objects.js';

const AGENT = { id: 'USER_gverde1@acd.enghouse.com', isAgent: true };
const VISITOR = { id: 'USER_DEFAULT_9a0a411c-f9c7-4af7-9754-024bf157a3ef', isAgent: false };

/** A room whose messages were seen and not seen in no watermark's order: seen, unseen, seen, unseen. */
function seenRoom(): SeedObject[] {
  const room = `CHAT_DEFAULT_${randomUUID()}`;
  const seen = [1643191590000, null, 1643191700000, null];
  return seen.map((messageSeen, i) => ({
    data: {
      replyTo: '',
      id: randomUUID(),
      messageType: 'TEXT',
      content: { text: `message ${i}`, user: i % 3 === 0 ? AGENT : VISITOR },
      ts: 1643191581119 + i * 1000,
      deliverySuccess: i !== 2,
      deliveryErrorReason: i === 2 ? 'not delivered' : '',
      messageSeen,
    },
    room,
  }));
}

// `parley import` then `parley chat export` gives back every object unchanged, `messageSeen` included.
for (const backend of await testStores()) {
  describe(`parley import, then chat export: ${backend.name}`, { skip: backend.skip ?? false }, () => {
    let dir: string;
    let env: Record<string, string>;
    before(async () => {
      await ensureBuilt();
      dir = await mkdtemp(join(tmpdir(), 'parley-import-'));
      env = { PARLEY_DATA_DIR: join(dir, 'data'), PARLEY_ADMIN_KEY: 'pk_cli_import_admin_key_0123456789' };
      if (backend.postgres) {
        // A fresh schema (created by opening a store on it), the command's connections working in it.
        await backend.open();
        const url = new URL(backend.postgres.url);
        url.searchParams.set('options', `-c search_path=${backend.postgres.schema}`);
        env.PARLEY_DATABASE_URL = url.toString();
      }
    });
    after(async () => {
      await backend.cleanup();
      await rm(dir, { recursive: true, force: true });
    });

    it('keeps every seed 001 object as it was, messageSeen and delivery included; a bad messageSeen imports nothing', async () => {
      const objects = [...seedObjects(), ...seenRoom()];
      const badRoom = `CHAT_DEFAULT_${randomUUID()}`;
      const bad = { data: { ...structuredClone(objects[0]!.data), id: randomUUID(), messageSeen: 'yesterday' }, room: badRoom };
      const file = join(dir, 'seed.json');
      await writeFile(file, JSON.stringify([...objects, bad]));
      const imported = await runParley(['import', file], env);
      assert.equal(imported.code, 1, 'an item was refused');
      const report = JSON.parse(imported.stdout) as { messages: { created: number }; problems: { index: number; code: string; message: string }[] };
      assert.equal(report.messages.created, objects.length);
      assert.deepEqual(
        report.problems.map((p) => [p.index, p.code]),
        [[objects.length, 'E_VALIDATION']],
      );
      assert.match(report.problems[0]!.message, /\.data\.messageSeen/);

      const rooms = [...new Set(objects.map((o) => o.room))];
      for (const room of rooms) {
        const exported = await runParley(['chat', 'export', room], env);
        assert.equal(exported.code, 0, exported.stderr);
        const expected = objects.filter((o) => o.room === room).sort((a, b) => a.data.ts - b.data.ts);
        assert.deepEqual(JSON.parse(exported.stdout), expected, `room ${room} exports as imported`);
      }
      const refused = await runParley(['chat', 'export', badRoom], env);
      assert.equal(refused.code, 1, 'the refused item created no chat');
      assert.match(refused.stderr, /E_CHAT_NOT_FOUND/);
    });
  });
}
