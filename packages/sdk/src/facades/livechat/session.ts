import type { EventMap } from '@parley/protocol/wire';
import type { ParleyClient } from '../../client.js';
import type { ChatEvent, LivechatContact } from './contact.js';
import type { LivechatUser } from './types.js';

/** The chat each routed event belongs to. */
const CHAT_OF: { [K in ChatEvent['event']]?: (data: EventMap[K]) => string } = {
  message: (m) => m.chatId,
  receipt: (r) => r.chatId,
  typing: (t) => t.chatId,
  'member.joined': (j) => j.chat.id,
  'member.left': (l) => l.chatId,
  'chat.updated': (c) => c.id,
  multimediaMessageStored: (s) => s.chatId,
};

/**
 * One logged-in agent: the native client, who they are, and their contacts. Routes the client's
 * events to the contact of their chat; while a join is in flight, the chat's events wait in a buffer
 * and go to the contact once it exists.
 */
export class LivechatSession {
  readonly contacts = new Map<string, LivechatContact>();
  /** Joins in flight: the chat's events so far, and the join itself (a second call shares it). */
  readonly joining = new Map<string, { buffer: ChatEvent[]; promise: Promise<LivechatContact> }>();
  readonly #offs: (() => void)[] = [];

  constructor(
    readonly client: ParleyClient,
    readonly me: LivechatUser,
    readonly domain: string,
    readonly inlineMedia: false | 'thumbnail' | 'fullsize',
    readonly ownsClient: boolean,
  ) {
    for (const name of Object.keys(CHAT_OF) as ChatEvent['event'][]) {
      this.#offs.push(client.on(name, (data: EventMap[typeof name]) => this.#route({ event: name, data } as ChatEvent)));
    }
  }

  #route(native: ChatEvent): void {
    const chatOf = CHAT_OF[native.event] as ((data: unknown) => string) | undefined;
    if (!chatOf) return;
    const chatId = chatOf(native.data);
    const contact = this.contacts.get(chatId);
    if (contact) contact.feed(native);
    else this.joining.get(chatId)?.buffer.push(native);
  }

  /** Stops routing; closes the client when the session made it. */
  close(): void {
    for (const off of this.#offs.splice(0)) off();
    for (const contact of [...this.contacts.values()]) contact.dispose();
    this.contacts.clear();
    this.joining.clear();
    if (this.ownsClient) this.client.disconnect();
  }
}
