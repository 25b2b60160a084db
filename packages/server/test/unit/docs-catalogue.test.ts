import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { EVENT_NAMES, EVENT_SCHEMAS, type EventName } from '@parley/protocol';

/** The text of each `## \`name\`` section of the page, by name. */
function sections(doc: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of doc.split(/^## /m).slice(1)) {
    const name = /^`([^`]+)`/.exec(part)?.[1];
    if (name) out.set(name, part);
  }
  return out;
}

/** The payload's top-level fields, from the catalogue's schema. */
function fieldsOf(name: EventName): string[] {
  return Object.keys(EVENT_SCHEMAS[name].properties);
}

describe('docs/events.md', () => {
  it('describes every event of the catalogue', async () => {
    const doc = await readFile(new URL('../../../../docs/events.md', import.meta.url), 'utf8');
    for (const name of EVENT_NAMES) {
      assert.ok(doc.includes(`| \`${name}\` |`), `the table lists ${name}`);
      assert.ok(doc.includes(`## \`${name}\``), `a section describes ${name}`);
    }
  });

  it("names every field of each event's payload in its section (or in that of the first event with the same payload)", async () => {
    const doc = await readFile(new URL('../../../../docs/events.md', import.meta.url), 'utf8');
    const described = sections(doc);
    for (const name of EVENT_NAMES) {
      const same = EVENT_NAMES.filter((other) => EVENT_SCHEMAS[other] === EVENT_SCHEMAS[name]);
      const text = same.map((other) => described.get(other) ?? '').join('\n');
      for (const field of fieldsOf(name)) assert.match(text, new RegExp(`\\b${field}\\b`), `the section of ${name} names its field ${field}`);
    }
  });
});
