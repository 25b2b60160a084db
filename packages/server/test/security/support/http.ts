/** One raw HTTP exchange as the security suites see it: status, headers, the bytes as text. */
export interface RawReply {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed JSON body, or undefined when the body is not JSON. */
  json: unknown;
}

export interface RawRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  /** A JSON value (sent as application/json), or raw bytes / text as they are. */
  body?: unknown;
  raw?: string | Buffer;
}

/** Sends one request to `base` and reads the whole answer. */
export async function send(base: string, req: RawRequest): Promise<RawReply> {
  const headers: Record<string, string> = { ...(req.headers ?? {}) };
  let body: string | Buffer | undefined = req.raw;
  if (body === undefined && req.body !== undefined) {
    body = JSON.stringify(req.body);
    headers['content-type'] ??= 'application/json';
  }
  const payload = typeof body === 'string' || body === undefined ? body : new Uint8Array(body);
  const res = await fetch(`${base}${req.path}`, { method: req.method, headers, body: req.method === 'GET' || req.method === 'HEAD' ? undefined : payload });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** The `E_*` code of an error answer (native `{error}` or the customer API's `{errors: [..]}`), if any. */
export function errorCode(reply: RawReply): string | undefined {
  const body = reply.json as { error?: { code?: unknown }; errors?: { code?: unknown }[] } | undefined;
  const code = body?.error?.code ?? body?.errors?.[0]?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Whether a text looks like it carries a stack trace or an engine's internals. */
export function looksLikeStackTrace(text: string): boolean {
  return /\n\s+at [\w.<>$]+ \(|node:internal|\/node_modules\/|\.ts:\d+:\d+|SQLITE_|syntax error at or near/.test(text);
}
