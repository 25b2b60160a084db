import WebSocket from 'ws';

/**
 * A `ws` WebSocket class for the SDK that records the request frames naming one op, so a test can
 * count what a client asked the server (e.g. how many `history` pages it fetched).
 *
 * @example
 * const history = opCounter('history');
 * const client = new ParleyClient({ url, token, WebSocket: history.WebSocket });
 * assert.equal(history.frames.length, 0);
 */
export function opCounter(op: string): { WebSocket: new (url: string, protocols?: string | string[]) => WebSocket; frames: string[] } {
  const frames: string[] = [];
  const marker = `"op":${JSON.stringify(op)}`;
  class Counting extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols);
      const send = this.send.bind(this) as (data: unknown, ...rest: unknown[]) => void;
      this.send = ((data: unknown, ...rest: unknown[]) => {
        if (typeof data === 'string' && data.includes(marker)) frames.push(data);
        send(data, ...rest);
      }) as WebSocket['send'];
    }
  }
  return { WebSocket: Counting, frames };
}
