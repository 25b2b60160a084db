// Writes the first corpus of each fuzz target from real frames and bodies: a sample of every op's data
// and every request schema, the seed 001 messages, and the hostile values of the bad-input suite.
// `node --conditions=source --import tsx packages/server/test/fuzz/make-seeds.ts` (the fuzzer adds the rest).
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as protocol from '@parley/protocol';
import { CONTENT_SCHEMAS, MESSAGE_TYPES, OP_NAMES, SendMessageSchema } from '@parley/protocol';
import { SEED_001_EXAMPLES } from '../../../protocol/test/fixtures/seed-001.js';
import { HOSTILE_VALUES, sampleOf } from '../security/support/hostile-values.js';
import { CORPUS_DIR } from './support/corpus.js';

const OP_SCHEMAS: Partial<Record<string, unknown>> = {
  send: SendMessageSchema,
  receipt: protocol.ReceiptSchema,
  typing: protocol.TypingSchema,
  history: protocol.HistoryQuerySchema,
  resume: protocol.ResumeSchema,
};

function write(target: string, inputs: (string | Buffer)[]): void {
  const dir = join(CORPUS_DIR, target);
  mkdirSync(dir, { recursive: true });
  for (const input of inputs) {
    const bytes = Buffer.from(input);
    writeFileSync(join(dir, createHash('sha1').update(bytes).digest('hex')), bytes);
  }
  console.log(`${target}: ${inputs.length} seeds`);
}

const hostile = HOSTILE_VALUES.filter((v) => JSON.stringify(v).length < 2000);
const contents = [
  ...SEED_001_EXAMPLES.map((e) => ({ messageType: e.messageType, content: e.content })),
  ...MESSAGE_TYPES.map((messageType) => ({ messageType, content: sampleOf(CONTENT_SCHEMAS[messageType]) })),
];

write('ws-frame', [
  ...OP_NAMES.map((op, rid) => JSON.stringify({ op, rid, data: OP_SCHEMAS[op] ? sampleOf(OP_SCHEMAS[op]) : {} })),
  ...contents.map((c, rid) => JSON.stringify({ op: 'send', rid: `r${rid}`, data: { chatId: 'c1', ...c } })),
  ...hostile.map((data, rid) => JSON.stringify({ op: 'send', rid, data })),
  '{"op":"ping","rid":1}',
  '{"op":"nope","rid":"x","data":null}',
  '[1,2,3]',
  'not json',
]);

write(
  'message-content',
  [...contents.map((c) => `${c.messageType}\n${JSON.stringify(c.content)}`), ...hostile.map((v) => `FORM\n${JSON.stringify(v)}`)],
);

const seedForm = SEED_001_EXAMPLES.find((e) => e.messageType === 'FORM')?.content;
const seedResponse = SEED_001_EXAMPLES.find((e) => e.messageType === 'FORM_RESPONSE')?.content;
const field = (name: string, extra: Record<string, unknown>) => ({ name, label: name, dc_type: 'text', ...extra });
write('form-response', [
  JSON.stringify({ form: seedForm, response: seedResponse }),
  JSON.stringify({ form: { formData: [field('zip', { custom_regexp: '^\\d{5}$', isMandatory: true })] }, response: { formData: [{ name: 'zip', value: '12345' }] } }),
  JSON.stringify({ form: { formData: [field('mail', { dc_type: 'email' })] }, response: { formData: [{ name: 'mail', value: 'a@b.c' }] } }),
  JSON.stringify({
    form: { formData: [field('pick', { dc_type: 'select', options: { a: 'A', b: 'B' } }), field('fixed', { isEditable: false, value: 'x' })] },
    response: { formData: [{ name: 'pick', value: 'c' }, { name: 'fixed', value: 'y' }, { name: 'extra', value: '' }] },
  }),
  JSON.stringify({ form: { formData: [field('long', { custom_regexp: '.{150}.{40}' })] }, response: { formData: [{ name: 'long', value: 'a'.repeat(4096) }] } }),
]);

const schemas = Object.entries(protocol).filter(([name, value]) => name.endsWith('Schema') && (value as { type?: unknown } | null)?.type === 'object');
const routeCount = schemas.length * 2 + 1;
const rest: Buffer[] = [];
schemas.forEach(([, schema], i) => {
  const sample = sampleOf(schema);
  rest.push(Buffer.concat([Buffer.from([i * 2, 0]), Buffer.from(`\n${JSON.stringify(sample)}`)]));
  const query = new URLSearchParams(Object.entries(sample as Record<string, unknown>).filter(([, v]) => typeof v !== 'object').map(([k, v]) => [k, String(v)]));
  rest.push(Buffer.concat([Buffer.from([i * 2 + 1, 5]), Buffer.from(`${query.toString()}\n`)]));
});
const genesys = routeCount - 1;
for (const form of ['operationName=SendMessage&message=hello&secureKey=abc', 'operationName=GetMessages&index=3', 'nickname=Ann&emailAddress=a%40b.c', 'index=-1&operationName=Bogus']) {
  rest.push(Buffer.concat([Buffer.from([genesys, 2]), Buffer.from(`\n${form}`)]));
}
rest.push(Buffer.concat([Buffer.from([genesys, 0]), Buffer.from('\n{"operationName":"SendMessage","message":{"$gt":""},"index":1.5}')]));
rest.push(Buffer.concat([Buffer.from([0, 0]), Buffer.from('\n')]));
write('rest-request', rest);
