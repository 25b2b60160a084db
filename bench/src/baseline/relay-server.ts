// The physical baseline: the smallest useful chat relay in Node. A client connects to
// `ws://HOST:PORT/?user=<id>` and sends JSON `{to, body}`; the relay forwards `{from, body}` to the
// socket of user `to`, if connected. Fan-out mode: `to` is a list of users, and the frame is
// serialised once and the same bytes go to each of them (what Parley does for a group chat). No persistence, no auth, no ordering or delivery promises: this
// is the ceiling Parley is measured against (issue 9).
//
// Run: PORT=9000 node --import tsx bench/src/baseline/relay-server.ts   → prints `listening <port>`.
import { WebSocketServer } from 'ws';
import type { WebSocket, RawData } from 'ws';

interface RelayFrame {
  to: string | string[];
  body: unknown;
}

/** Most recipients of one fan-out frame. */
const MAX_RECIPIENTS = 1000;

function parseFrame(data: RawData): RelayFrame | undefined {
  let value: unknown;
  try {
    // With the default binaryType ('nodebuffer') a text message arrives as one Buffer.
    value = JSON.parse((data as Buffer).toString());
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { to, body } = value as Record<string, unknown>;
  if (typeof to === 'string') return { to, body };
  if (Array.isArray(to) && to.length <= MAX_RECIPIENTS && to.every((t) => typeof t === 'string')) return { to, body };
  return undefined;
}

const port = Number(process.env.PORT ?? 9000);
const host = process.env.HOST ?? '127.0.0.1';
const sockets = new Map<string, WebSocket>();

const wss = new WebSocketServer({ host, port, perMessageDeflate: false, maxPayload: 64 * 1024 });

wss.on('connection', (ws, req) => {
  const user = new URL(req.url ?? '/', 'http://relay').searchParams.get('user');
  if (!user) {
    ws.close(1008, 'user required');
    return;
  }
  sockets.set(user, ws);
  ws.on('message', (data, isBinary) => {
    if (isBinary) return;
    const frame = parseFrame(data);
    if (!frame) return;
    const out = JSON.stringify({ from: user, body: frame.body });
    if (typeof frame.to === 'string') {
      sockets.get(frame.to)?.send(out);
      return;
    }
    const bytes = Buffer.from(out);
    for (const to of frame.to) sockets.get(to)?.send(bytes, { binary: false });
  });
  ws.on('close', () => {
    if (sockets.get(user) === ws) sockets.delete(user);
  });
  ws.on('error', () => ws.terminate());
});

wss.on('listening', () => {
  const address = wss.address();
  console.log(`listening ${typeof address === 'object' && address ? address.port : port}`);
});

function stop(): void {
  for (const ws of wss.clients) ws.terminate();
  wss.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 1000).unref();
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
