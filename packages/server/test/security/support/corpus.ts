import { deepJson, HOSTILE_VALUES } from './hostile-values.js';
import type { World } from './world.js';

/** One malformed HTTP request of the corpus, and the answers it may get. */
export interface BadRequest {
  category: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

/** One malformed WebSocket frame; `closes` when the protocol itself must close the socket. */
export interface BadFrame {
  category: string;
  data: string | Buffer;
  binary?: boolean;
  closes?: number;
}

/** Texts that are not JSON, or not the JSON they pretend to be. */
export const BAD_JSON: readonly string[] = [
  '', ' ', '{', '}', '[', ']', '{"a":}', '{a:1}', "{'a':1}", '{"a":1,}', '[1,]', 'NaN', 'undefined', 'Infinity', '-', '01', '1e', '"\\u00"',
  '{"a":"\\x41"}', '{"a" 1}', '{"a":1}}', '{"a":1}{"b":2}', '\u0000', '\ufeff{}', '{"a":"unterminated', 'tru', 'nul', '{"a":01}', '{"a":.5}',
  '{"a":+1}', '{"a":0x10}', '{"a":"\t"}', '{"a":"line\nbreak"}', '/* comment */ {}', '{"a":1 // c\n}', '{,}', '{"":}', '[{"op":]', 'null null',
  '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"x":1}}}',
];

/** Every proper prefix of a JSON text (each is invalid JSON) and the text without each of its structural characters. */
export function brokenTexts(valid: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < valid.length; i++) out.push(valid.slice(0, i));
  for (let i = 0; i < valid.length; i++) if ('{}[]:,"'.includes(valid[i] as string)) out.push(valid.slice(0, i) + valid.slice(i + 1));
  return out;
}

/** JSON types of a value, to pick replacements of another type (always invalid for the field). */
function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** Every field of a valid body replaced, one at a time, by each hostile value of another JSON type. */
export function wrongTypes(valid: Record<string, unknown>): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const walk = (path: string[], value: unknown): void => {
    if (path.length > 0) {
      for (const bad of HOSTILE_VALUES) {
        if (jsonType(bad) === jsonType(value)) continue;
        const copy = structuredClone(valid);
        const parent = path.slice(0, -1).reduce<Record<string, unknown>>((o, k) => o[k] as Record<string, unknown>, copy);
        parent[path[path.length - 1] as string] = bad;
        out.push(copy);
      }
    }
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) for (const [k, v] of Object.entries(value)) walk([...path, k], v);
  };
  walk([], valid);
  return out;
}

interface JsonRoute {
  method: string;
  path: string;
  credential: 'user' | 'admin' | 'none' | 'customer';
  valid: Record<string, unknown>;
}

/** The routes that take a JSON body, each with a valid body to break. */
function jsonRoutes(w: World): JsonRoute[] {
  return [
    { method: 'POST', path: `/v1/chats/${w.group.id}/messages`, credential: 'user', valid: { messageType: 'TEXT', content: { text: 'hi' } } },
    { method: 'POST', path: `/v1/chats/${w.group.id}/messages`, credential: 'user', valid: { messageType: 'QUICK_REPLY', content: { text: 'pick', items: [{ title: 'a', payload: 'a' }] } } },
    { method: 'POST', path: '/v1/chats', credential: 'user', valid: { kind: 'group', title: 't', members: [{ userId: w.bob.id }] } },
    { method: 'POST', path: `/v1/chats/${w.group.id}/receipts`, credential: 'user', valid: { kind: 'seen', seq: 1 } },
    { method: 'POST', path: `/v1/chats/${w.group.id}/typing`, credential: 'user', valid: { state: 'composing' } },
    { method: 'POST', path: `/v1/chats/${w.group.id}/members`, credential: 'user', valid: { userId: w.bob.id } },
    { method: 'POST', path: '/v1/groups', credential: 'user', valid: { title: 't', memberIds: [w.bob.id] } },
    { method: 'PATCH', path: `/v1/groups/${w.group.id}`, credential: 'user', valid: { title: 't' } },
    { method: 'POST', path: '/v1/forward', credential: 'user', valid: { messageIds: [w.group.messageId], toChatIds: [w.direct.id] } },
    { method: 'PUT', path: `/v1/chats/${w.group.id}/mute`, credential: 'user', valid: { muted: true } },
    { method: 'POST', path: `/v1/chats/${w.group.id}/messages/delete-for-me`, credential: 'user', valid: { messageIds: [w.group.messageId] } },
    { method: 'POST', path: '/v1/livechat/sessions', credential: 'none', valid: { domain: w.tenantA.domain, nickname: 'n' } },
    { method: 'POST', path: '/v1/livechat/offline-messages', credential: 'none', valid: { domain: w.tenantA.domain, name: 'n', email: 'n@example.com', text: 't' } },
    { method: 'POST', path: '/api/v2/chats', credential: 'customer', valid: { operationName: 'RequestChat', nickname: 'n' } },
    { method: 'POST', path: '/v1/admin/users', credential: 'admin', valid: { kind: 'member', nickname: 'n' } },
    { method: 'POST', path: '/v1/admin/chats', credential: 'admin', valid: { kind: 'group', members: [{ userId: w.bob.id }] } },
    { method: 'POST', path: '/v1/admin/webhooks', credential: 'admin', valid: { url: 'https://203.0.113.9/hook' } },
    { method: 'POST', path: `/livechat/sendTextMessageToActiveChat/${w.livechat.id}`, credential: 'user', valid: { text: 't' } },
  ];
}

/** GET routes with malformed query strings and path parameters. */
function queryCases(w: World): string[] {
  const g = w.group.id;
  const queries = [
    'limit=abc', 'limit=0', 'limit=1e9', 'limit=-1', 'limit=1.5', 'fromSeq=-1', 'fromSeq=abc', 'fromSeq=99999999999999999999', 'position=sideways',
    'limit[$gt]=1', 'limit=1&limit=2', 'position[]=up', 'lastRowId=%00', `lastRowId=${'x'.repeat(300)}`, 'fromSeq=0x10', 'limit=%ff', 'unknown=1',
  ];
  const paths = [
    ...queries.map((q) => `/v1/chats/${g}/messages?${q}`),
    ...['limit=0', 'limit=abc', 'archived=maybe', 'beforeActivity=-5', 'limit[$ne]=1'].map((q) => `/v1/chats?${q}`),
    `/v1/chats/%00/messages`, `/v1/chats/${'x'.repeat(5000)}`, '/v1/chats/%ff%fe', '/v1/chats/a%2F..%2F..%2Fetc', `/v1/chats/${g}/messages/%00`,
    `/v1/chats/${g}/messages/${w.group.mediaMessageId}/media?format=../../x`, `/v1/chats/${g}/messages/${w.group.mediaMessageId}/media?format[$gt]=`,
    '/v1/media/download?fileToken=', '/v1/media/download?fileToken[$ne]=x', `/v1/media/download?fileToken=${'A'.repeat(5000)}`,
    `/v1/livechat/chats/${w.livechat.id}/transcript?format=exe`, '/v1/livechat/availability?domain[$gt]=', '/v1/admin/webhook-deliveries?limit=-1',
    '/v1/admin/webhook-deliveries?status=%00', `/livechat/getChatHistory/%00`, `/livechat/${'D'.repeat(3000)}/getChatHistory/x`,
  ];
  return paths;
}

/**
 * The HTTP corpus: every JSON route × bad JSON, wrong types, hostile objects, deep nesting, invalid
 * UTF-8 outside strings, binary bodies, wrong content types, oversize; and malformed queries and
 * path parameters on the GET routes.
 */
export function httpCorpus(w: World, maxBodyBytes: number): BadRequest[] {
  const out: BadRequest[] = [];
  const auth = (r: JsonRoute): Record<string, string> =>
    r.credential === 'user'
      ? { authorization: `Bearer ${w.alice.token}` }
      : r.credential === 'admin'
        ? { authorization: `Bearer ${w.t.adminKey}` }
        : r.credential === 'customer'
          ? { ContactCenterId: w.tenantA.ccid }
          : {};
  for (const r of jsonRoutes(w)) {
    const json = { ...auth(r), 'content-type': 'application/json' };
    const add = (category: string, body: string | Buffer, headers: Record<string, string> = json) => out.push({ category, method: r.method, path: r.path, headers, body });
    for (const text of BAD_JSON) add('bad JSON', text);
    for (const body of wrongTypes(r.valid)) add('wrong types and operator objects', JSON.stringify(body));
    for (const bad of HOSTILE_VALUES) if (typeof bad !== 'object' || bad === null || Array.isArray(bad)) add('not an object', JSON.stringify(bad) ?? 'null');
    add('deep nesting', deepJson(10_000, 'array'));
    add('deep nesting', deepJson(10_000, 'object'));
    // The customer API (seed 003) ignores fields it does not know, as the seed's clients expect.
    if (r.credential !== 'customer') add('deep nesting', JSON.stringify({ ...r.valid, extra: JSON.parse(deepJson(2_000, 'object')) as unknown }).replace('"extra"', '"$extra"'));
    for (const text of brokenTexts(JSON.stringify(r.valid))) add('truncated or broken JSON', text);
    const valid = Buffer.from(JSON.stringify(r.valid));
    add('invalid UTF-8', Buffer.concat([Buffer.from([0xff, 0xfe]), valid]));
    add('invalid UTF-8', Buffer.concat([valid.subarray(0, 1), Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1]), valid.subarray(1)]));
    add('invalid UTF-8', Buffer.from([0xf8, 0x88, 0x80, 0x80, 0x80]));
    add('binary where text is expected', Buffer.from(Array.from({ length: 256 }, (_, i) => (i * 37) % 256)));
    add('binary where text is expected', Buffer.from([0x00, 0x01, 0x02, 0x7b, 0x7d]));
    for (const type of ['text/plain', 'application/xml', 'application/octet-stream', 'application/javascript', 'multipart/form-data; boundary=x', 'application/json; charset=utf-16']) {
      add('wrong content type', JSON.stringify(r.valid), { ...auth(r), 'content-type': type });
    }
    add('oversize', Buffer.concat([Buffer.from('{"a":"'), Buffer.alloc(maxBodyBytes + 10, 0x61), Buffer.from('"}')]));
  }
  for (const path of queryCases(w)) {
    for (const headers of [{ authorization: `Bearer ${w.alice.token}` }, { authorization: `Bearer ${w.t.adminKey}` }]) out.push({ category: 'malformed query or path', method: 'GET', path, headers });
  }
  return out;
}

/** The WebSocket corpus: frames that are not JSON, not frames, or frames whose data is broken. */
export function wsCorpus(w: World, opData: Record<string, (w: World, me: string) => unknown>, maxFrameBytes: number): BadFrame[] {
  const out: BadFrame[] = [];
  for (const text of BAD_JSON) out.push({ category: 'bad JSON', data: text });
  const shapes: unknown[] = [[], 1, 'x', null, true, { op: 1, rid: 1 }, { op: 'send' }, { rid: 1 }, { op: 'send', rid: {} }, { op: 'send', rid: [1] }, { op: 'send', rid: 1.5 }, { op: 'send', rid: 'r'.repeat(200) }, { op: 'x'.repeat(100), rid: 1 }, { op: 'send', rid: 1, data: 1, extra: true }, { op: { $gt: '' }, rid: 1 }, { op: 'send', rid: null }];
  for (const shape of shapes) out.push({ category: 'not a frame', data: JSON.stringify(shape) });
  for (const op of ['', 'SEND', 'send ', 'constructor', '__proto__', 'toString', 'hasOwnProperty', 'admin.users', '../send', 'send\u0000']) out.push({ category: 'unknown op', data: JSON.stringify({ op, rid: 1, data: {} }) });
  for (const [op, data] of Object.entries(opData)) {
    const valid = data(w, w.alice.id);
    if (typeof valid === 'object' && valid !== null && !Array.isArray(valid)) {
      for (const body of wrongTypes(valid as Record<string, unknown>)) {
        out.push({ category: 'wrong types and operator objects', data: JSON.stringify({ op, rid: 1, data: body }) });
        out.push({ category: 'wrong types and operator objects', data: JSON.stringify({ op, rid: `r-${op}`, data: body }) });
      }
    }
    for (const rid of [1, 'r-1']) {
      for (const text of brokenTexts(JSON.stringify({ op, rid, data: valid }))) out.push({ category: 'truncated or broken JSON', data: text });
    }
    for (const bad of HOSTILE_VALUES) {
      // `{}` is valid data for some ops, and `null` data is absent data.
      if (bad === null || (typeof bad === 'object' && !Array.isArray(bad) && Object.keys(bad).length === 0)) continue;
      out.push({ category: 'data not an object', data: JSON.stringify({ op, rid: 1, data: bad }) });
    }
    out.push({ category: 'deep nesting', data: `{"op":"${op}","rid":1,"data":${deepJson(5_000, 'array')}}` });
    out.push({ category: 'deep nesting', data: `{"op":"${op}","rid":1,"data":${deepJson(5_000, 'object')}}` });
  }
  for (let i = 0; i < 8; i++) out.push({ category: 'binary where text is expected', data: Buffer.from(JSON.stringify({ op: 'ping', rid: i, data: {} })), binary: true });
  for (let i = 0; i < 6; i++) out.push({ category: 'invalid UTF-8', data: Buffer.from([0x7b, 0x22, 0xff - i, 0xfe, 0x22, 0x7d]), closes: 1007 });
  out.push({ category: 'oversize', data: 'x'.repeat(maxFrameBytes + 1), closes: 1009 });
  out.push({ category: 'oversize', data: JSON.stringify({ op: 'send', rid: 1, data: { chatId: w.group.id, messageType: 'TEXT', content: { text: 'y'.repeat(maxFrameBytes) } } }), closes: 1009 });
  return out;
}
