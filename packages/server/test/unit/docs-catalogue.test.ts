import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { EVENT_NAMES } from '@parley/protocol';

describe('docs/events.md', () => {
  it('describes every event of the catalogue', async () => {
    const doc = await readFile(new URL('../../../../docs/events.md', import.meta.url), 'utf8');
    for (const name of EVENT_NAMES) {
      assert.ok(doc.includes(`| \`${name}\` |`), `the table lists ${name}`);
      assert.ok(doc.includes(`## \`${name}\``), `a section describes ${name}`);
    }
  });
});
