import WebSocket from 'ws';

export interface UpgradeAnswer {
  /** 101 when the socket opened; else the HTTP status of the refusal. */
  status: number;
  /** The refusal's JSON body, when it had one. */
  body: { error?: { code?: string } } | null;
  text: string;
}

/** Tries a WebSocket upgrade and reports how it was answered (an opened socket is closed at once). */
export function tryUpgrade(url: string, protocols: string[], opts: { headers?: Record<string, string>; origin?: string } = {}): Promise<UpgradeAnswer> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, protocols, { headers: opts.headers, origin: opts.origin });
    ws.once('open', () => {
      ws.close();
      resolve({ status: 101, body: null, text: '' });
    });
    ws.once('unexpected-response', (_req, res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => {
        let body: UpgradeAnswer['body'] = null;
        try {
          body = text ? (JSON.parse(text) as UpgradeAnswer['body']) : null;
        } catch {
          body = null;
        }
        resolve({ status: res.statusCode ?? 0, body, text });
      });
    });
    ws.once('error', reject);
  });
}
