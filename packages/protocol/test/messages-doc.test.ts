import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
  FORM_FIELD_MODES,
  FORM_FIELD_TYPES,
  FormContentSchema,
  FormFieldSchema,
  MENU_COMMANDS,
  MenuContentSchema,
  MenuOptionSchema,
  MenuResponseContentSchema,
  QuickReplyContentSchema,
  QuickReplyResponseContentSchema,
} from '../src/index.js';

/** The "Bot interactions" part of docs/messages.md, one subsection per family. */
function section(heading: string): string {
  const doc = readFileSync(new URL('../../../docs/messages.md', import.meta.url), 'utf8');
  const start = doc.indexOf(`### ${heading}`);
  assert.ok(start >= 0, `docs/messages.md has "### ${heading}"`);
  const end = doc.slice(start + 4).search(/\n##+ /);
  return end < 0 ? doc.slice(start) : doc.slice(start, start + 4 + end);
}

const keys = (schema: { properties: object }): string[] => Object.keys(schema.properties);

/** A table row of the doc that starts with the field's name. */
function assertRow(text: string, field: string, where: string): void {
  assert.ok(text.includes(`| \`${field}\` |`), `${where}: docs/messages.md has a row for \`${field}\``);
}

describe('docs/messages.md: bot interaction content, field by field', () => {
  it('MENU, its options and MENU_RESPONSE', () => {
    const text = section('MENU and MENU_RESPONSE');
    for (const k of keys(MenuContentSchema)) assertRow(text, k, 'MENU');
    for (const k of keys(MenuOptionSchema)) assertRow(text, k, 'MENU option');
    for (const k of keys(MenuResponseContentSchema)) assertRow(text, k, 'MENU_RESPONSE');
    for (const k of keys(MenuResponseContentSchema.properties.option)) assertRow(text, `option.${k}`, 'MENU_RESPONSE option');
    for (const c of MENU_COMMANDS) assert.ok(text.includes(`\`"${c}"\``), `the command ${c} is named`);
  });

  it('QUICK_REPLY and QUICK_REPLY_RESPONSE', () => {
    const text = section('QUICK_REPLY and QUICK_REPLY_RESPONSE');
    for (const k of keys(QuickReplyContentSchema)) assertRow(text, k, 'QUICK_REPLY');
    for (const k of keys(QuickReplyResponseContentSchema)) assertRow(text, k, 'QUICK_REPLY_RESPONSE');
  });

  it('FORM, every key of a field, every dc_type and mode', () => {
    const text = section('FORM and FORM_RESPONSE');
    for (const k of keys(FormContentSchema)) assertRow(text, k, 'FORM');
    for (const k of keys(FormFieldSchema)) assertRow(text, k, 'FORM field');
    const documented = new Set([...text.matchAll(/^\| ((?:`[a-z_]+`(?:, )?)+) \|/gm)].flatMap((m) => [...m[1]!.matchAll(/`([a-z_]+)`/g)].map((x) => x[1]!)));
    for (const t of FORM_FIELD_TYPES) assert.ok(documented.has(t), `the dc_type ${t} has a row`);
    for (const m of FORM_FIELD_MODES) assert.ok(text.includes(`\`"${m}"\``), `the mode ${m} is named`);
  });
});
