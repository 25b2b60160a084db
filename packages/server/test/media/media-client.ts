import { startTestServer, type TestServer, type TestUser } from '../helpers/server.js';

export interface Res {
  status: number;
  headers: Headers;
  body: any;
  bytes: Buffer;
}

/** A REST call as a user (or with a raw bearer); the body parsed as JSON when it is JSON. */
export async function call(t: TestServer, who: TestUser | string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Res> {
  const token = typeof who === 'string' ? who : who.token;
  const res = await fetch(`${t.url}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  const isJson = (res.headers.get('content-type') ?? '').includes('json');
  return { status: res.status, headers: res.headers, body: isJson && bytes.length > 0 ? JSON.parse(bytes.toString('utf8')) : null, bytes };
}

/** A multipart/form-data upload of one file; `filenameStar` sends the name RFC 5987-encoded. */
export async function upload(
  t: TestServer,
  who: TestUser,
  file: Buffer,
  opts: { name?: string; filenameStar?: string; type?: string; messageType?: string } = {},
): Promise<Res> {
  const boundary = `----parley${Math.random().toString(16).slice(2)}`;
  const disposition = opts.filenameStar !== undefined
    ? `form-data; name="file"; filename*=UTF-8''${opts.filenameStar}`
    : `form-data; name="file"; filename="${opts.name ?? 'file.bin'}"`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\nContent-Type: ${opts.type ?? 'application/octet-stream'}\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const query = opts.messageType ? `?messageType=${opts.messageType}` : '';
  const res = await fetch(`${t.url}/v1/media${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${who.token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
    body: Buffer.concat([head, file, tail]),
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, body: bytes.length ? JSON.parse(bytes.toString('utf8')) : null, bytes };
}

/** Uploads, then sends a media message naming the upload; resolves to the committed message. */
export async function sendMedia(
  t: TestServer,
  who: TestUser,
  chatId: string,
  messageType: 'IMAGE' | 'DOCUMENT' | 'AUDIO' | 'VIDEO',
  file: Buffer,
  name: string,
  content: Record<string, unknown> = {},
): Promise<any> {
  const up = await upload(t, who, file, { name });
  if (up.status !== 201) throw new Error(`upload ${name}: ${up.status} ${up.bytes.toString()}`);
  const sent = await call(t, who, 'POST', `/v1/chats/${chatId}/messages`, { messageType, content: { mediaId: up.body.media.id, ...content } });
  if (sent.status !== 201) throw new Error(`send ${name}: ${sent.status} ${sent.bytes.toString()}`);
  return sent.body.message;
}

export { startTestServer };
export type { TestServer, TestUser };
