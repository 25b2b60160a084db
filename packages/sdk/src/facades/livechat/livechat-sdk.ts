import type { User } from '@parley/protocol/wire';
import { ParleyError, parseJid } from '@parley/protocol/wire';
import { ParleyClient, type ParleyClientOptions } from '../../client.js';
import type { TokenSource } from '../../token.js';
import type { WebSocketConstructor } from '../../transport.js';
import { optionalText } from './args.js';
import { LivechatError, invalid } from './errors.js';
import { LivechatModule, notInitialized } from './livechat-module.js';
import { LivechatSession } from './session.js';
import type { LivechatUser } from './types.js';

/** `LIVECHATSDK.init(...)`'s options: where the server is and who the agent is. */
export interface LivechatInitOptions {
  /** The Parley server, `https://chat.example.com` (or `http://127.0.0.1:8080`). */
  url?: string;
  /** The agent's access token, or a function that fetches a fresh one (called again when it expires). */
  token?: TokenSource;
  /** Same as a `token` function (the name some desktops use). */
  getToken?: () => Promise<string>;
  /** The tenant ("domain" in seed 000); when given, the token must belong to it. */
  domain?: string;
  /**
   * Seed 000 keeps `multimediaMessage` to metadata (fetch the bytes with
   * `GetMultimediaMessageInActiveChat`). `true` (or `'fullsize'`, or `'thumbnail'` for images) fetches
   * them first and fills `event.content.img` / `event.content.document`, as seed 002's text describes.
   */
  inlineMedia?: boolean | 'fullsize' | 'thumbnail';
  /** Use an existing native client (already configured) instead of `url` and `token`. */
  client?: ParleyClient;
  /** A WebSocket class for old Node versions or tests; defaults to the platform's. */
  WebSocket?: WebSocketConstructor;
  /** Passed to the native client: request timeout in ms (default 10 s). */
  requestTimeoutMs?: number;
}

/** What `init` resolves with: the logged-in agent. */
export interface LivechatLogin {
  user: LivechatUser;
  domain: string;
  jid: string;
}

/**
 * The agent SDK of seeds 000 and 002 by the names its users know: `init` logs in (one native
 * {@link ParleyClient} underneath: connection, resume, outbox), then `LIVECHAT.joinContact(chatId)`
 * gives a contact with the seed's events and actions. The default instance is `LIVECHATSDK`
 * (and `window.LIVECHATSDK` with the browser entry); create more for more agents in one process.
 *
 * @example
 * ```ts
 * import { LIVECHATSDK } from '@parley/sdk';
 * await LIVECHATSDK.init({ url: 'https://chat.example.com', token: () => fetchAgentToken() });
 * const contact = await LIVECHATSDK.LIVECHAT.joinContact(chatId);
 * ```
 */
export class LivechatSDK {
  /** Seed 002's `LIVECHATSDK.LIVECHAT`: joinContact, endContact, leave, getContact. */
  readonly LIVECHAT: LivechatModule;
  #session: Promise<LivechatSession> | null = null;
  #current: LivechatSession | null = null;

  constructor() {
    this.LIVECHAT = new LivechatModule(() => this.#ready());
  }

  /**
   * Logs the agent in: connects with the token, checks it belongs to an agent (of `domain`, when
   * given), and resolves with who they are. Calling it again replaces the previous login (its
   * contacts stop). Rejects with `E_VALIDATION` for bad options (before any request), the server's
   * error for a refused token, `E_FORBIDDEN` for a token that is not an agent's.
   *
   * @example
   * ```ts
   * const { user } = await LIVECHATSDK.init({ url: 'http://127.0.0.1:8080', token: agentToken, domain: 'DEFAULT' });
   * console.log(user.nickname);
   * ```
   */
  init(options: LivechatInitOptions): Promise<LivechatLogin> {
    let checked: Checked;
    try {
      checked = checkInit(options);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    this.disconnect();
    const session = login(checked);
    this.#session = session;
    void session.then(
      (s) => {
        if (this.#session === session) this.#current = s;
        else s.close();
      },
      () => {
        if (this.#session === session) this.#session = null;
      },
    );
    return session.then((s) => ({ user: s.me, domain: s.domain, jid: `${s.me.id}@${s.domain}` }));
  }

  /**
   * The native client of the current login (for everything beyond the seeds), or `undefined`.
   *
   * @example
   * ```ts
   * LIVECHATSDK.client?.on('state', (s) => console.log(s.state));
   * ```
   */
  get client(): ParleyClient | undefined {
    return this.#current?.client;
  }

  /**
   * Logs out: contacts stop, and the connection closes (unless it was an app's own `client`).
   *
   * @example
   * ```ts
   * LIVECHATSDK.disconnect();
   * ```
   */
  disconnect(): void {
    const current = this.#current;
    this.#session = null;
    this.#current = null;
    current?.close();
  }

  #ready(): Promise<LivechatSession> {
    if (!this.#session) return Promise.reject(notInitialized());
    return this.#session.catch((error: unknown) => {
      const reason = error instanceof Error ? error.message : String(error);
      throw new LivechatError('E_NOT_INITIALIZED', `LIVECHATSDK.init failed: ${reason}`);
    });
  }
}

interface Checked {
  client: ParleyClient;
  owns: boolean;
  domain: string | undefined;
  inlineMedia: false | 'fullsize' | 'thumbnail';
}

function checkInit(options: unknown): Checked {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) throw invalid('options', 'must be an object: { url, token }');
  const o = options as Record<string, unknown>;
  const domain = optionalText('domain', o.domain, 64);
  const inline = o.inlineMedia ?? false;
  if (inline !== true && inline !== false && inline !== 'fullsize' && inline !== 'thumbnail') throw invalid('inlineMedia', "must be a boolean, 'fullsize' or 'thumbnail'");
  const inlineMedia = inline === true ? 'fullsize' : inline;
  if (o.client !== undefined) {
    if (!(o.client instanceof ParleyClient)) throw invalid('client', 'must be a ParleyClient');
    return { client: o.client, owns: false, domain, inlineMedia };
  }
  if (typeof o.url !== 'string' || !/^https?:\/\/[^\s]+$/i.test(o.url)) throw invalid('url', 'is required and must be the http(s) address of the Parley server');
  const token = o.token ?? o.getToken;
  if (o.token !== undefined && o.getToken !== undefined) throw invalid('token', 'give token or getToken, not both');
  if (!(typeof token === 'string' && token.length > 0) && typeof token !== 'function') throw invalid('token', 'is required: the agent’s access token, or a function returning one');
  if (o.requestTimeoutMs !== undefined && (typeof o.requestTimeoutMs !== 'number' || !(o.requestTimeoutMs > 0))) throw invalid('requestTimeoutMs', 'must be a positive number');
  const clientOptions: ParleyClientOptions = { url: o.url, token: token as TokenSource };
  if (typeof o.WebSocket === 'function') clientOptions.WebSocket = o.WebSocket as WebSocketConstructor;
  if (typeof o.requestTimeoutMs === 'number') clientOptions.requestTimeoutMs = o.requestTimeoutMs;
  return { client: new ParleyClient(clientOptions), owns: true, domain, inlineMedia };
}

async function login(checked: Checked): Promise<LivechatSession> {
  const { client } = checked;
  try {
    // REST first: a refused token or an unreachable server fails here at once (a connect would retry).
    const me = await client.rest.request<{ user: User; jid: string }>('/v1/me');
    const domain = parseJid(me.jid)?.domain ?? '';
    if (me.user.kind !== 'agent') throw new ParleyError('E_FORBIDDEN', `LIVECHATSDK logs in agents; this token belongs to a ${me.user.kind}`);
    if (checked.domain !== undefined && checked.domain !== domain) {
      throw new LivechatError('E_VALIDATION', `the token belongs to domain ${domain}, not ${checked.domain}`, '/domain');
    }
    await client.connect();
    return new LivechatSession(client, { id: me.user.id, nickname: me.user.nickname, isAgent: true }, domain, checked.inlineMedia, checked.owns);
  } catch (error) {
    if (checked.owns) client.disconnect();
    throw error;
  }
}

/**
 * The default agent SDK (seed 002's global `LIVECHATSDK`).
 *
 * @example
 * ```ts
 * import { LIVECHATSDK } from '@parley/sdk';
 * await LIVECHATSDK.init({ url, token });
 * ```
 */
export const LIVECHATSDK: LivechatSDK = new LivechatSDK();
