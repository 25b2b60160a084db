import type { Chat, HistoryPage, Member, Message } from '@parley/protocol/wire';
import { optionalText, requireId } from './args.js';
import { LivechatContact, type ChatEvent, type ContactSeed } from './contact.js';
import { LivechatError } from './errors.js';
import { newId } from './new-id.js';
import type { LivechatSession } from './session.js';
import type { ContactInfo, SeedUser } from './types.js';

/** How the module reaches the logged-in session (or learns there is none). */
export type SessionSource = () => Promise<LivechatSession>;

/**
 * `LIVECHATSDK.LIVECHAT`: joining live chats as an agent (seed 002's joinContact) and ending or leaving
 * them (seed 000). Every method checks its arguments before any request and needs
 * `LIVECHATSDK.init(...)` first (else `E_NOT_INITIALIZED`).
 *
 * @example
 * ```ts
 * const contact = await LIVECHATSDK.LIVECHAT.joinContact('CHAT_DEFAULT_…');
 * await LIVECHATSDK.LIVECHAT.endContact(contact.contact.id);
 * ```
 */
export class LivechatModule {
  readonly #session: SessionSource;

  constructor(session: SessionSource) {
    this.#session = session;
    // The seed calls these as `LIVECHATSDK.LIVECHAT.joinContact(...)`; bound, they also work detached.
    this.joinContact = this.joinContact.bind(this);
    this.endContact = this.endContact.bind(this);
    this.leave = this.leave.bind(this);
    this.getContact = this.getContact.bind(this);
  }

  /**
   * Joins a live chat as a participant (seed 002 `contactJoin`): a queued chat is taken, an active one
   * gets the agent as another participant. Resolves with the contact (`contact.contact.id`,
   * `contact.on(event, cb)`); joining a chat already joined resolves with the same contact. Rejects
   * with the server's error: `E_CHAT_NOT_FOUND`, `E_CHAT_ENDED`, `E_CHAT_TAKEN`, `E_FORBIDDEN`….
   * The optional `nickname` is accepted as the seed shows; Parley displays the agent's profile nickname.
   *
   * @example
   * ```ts
   * LIVECHATSDK.LIVECHAT.joinContact(chatId).then(function (contact) {
   *   contact.on('message', function (event) { console.log(event.content.user.nickname, event.content.text); });
   * });
   * ```
   */
  async joinContact(chatId: string, nickname?: string): Promise<LivechatContact> {
    const id = requireId('chatId', chatId);
    const nick = optionalText('nickname', nickname, 100);
    const session = await this.#session();
    const known = session.contacts.get(id);
    if (known && !known.closed) return known;
    const inFlight = session.joining.get(id);
    if (inFlight) return inFlight.promise;
    const buffer: ChatEvent[] = [];
    const promise = join(session, id, nick).then(
      (seed) => {
        const closed = (chat: string): void => {
          if (session.contacts.get(chat) === contact) session.contacts.delete(chat);
        };
        const contact: LivechatContact = new LivechatContact({ client: session.client, me: session.me, inlineMedia: session.inlineMedia, closed }, seed);
        session.joining.delete(id);
        session.contacts.set(id, contact);
        for (const native of buffer) contact.feed(native);
        return contact;
      },
      (error: unknown) => {
        session.joining.delete(id);
        throw error;
      },
    );
    session.joining.set(id, { buffer, promise });
    return promise;
  }

  /**
   * Ends a live chat for everyone (seed 000 endContact: an endChat message from the agent). The
   * chat's contact emits `contactEnded`.
   *
   * @example
   * ```ts
   * await LIVECHATSDK.LIVECHAT.endContact(chatId);
   * ```
   */
  async endContact(chatId: string): Promise<void> {
    const id = requireId('chatId', chatId);
    const session = await this.#session();
    await session.client.rest.request<undefined>(`/v1/livechat/chats/${encodeURIComponent(id)}/end`, { method: 'POST', body: {} });
  }

  /**
   * Leaves a live chat (a leave message); the chat goes on without the agent — back to the queue when
   * they were its assigned agent. The chat's contact closes.
   *
   * @example
   * ```ts
   * await LIVECHATSDK.LIVECHAT.leave(chatId);
   * ```
   */
  async leave(chatId: string): Promise<void> {
    const id = requireId('chatId', chatId);
    const session = await this.#session();
    const contact = session.contacts.get(id);
    if (contact && !contact.closed) return contact.leave();
    await session.client.send({ chatId: id, id: newId(), messageType: 'leave', content: {} });
  }

  /**
   * The open contact of a chat joined with {@link LivechatModule.joinContact}, if any.
   *
   * @example
   * ```ts
   * const contact = await LIVECHATSDK.LIVECHAT.getContact(chatId);
   * ```
   */
  async getContact(chatId: string): Promise<LivechatContact | undefined> {
    const id = requireId('chatId', chatId);
    const session = await this.#session();
    return session.contacts.get(id);
  }
}

/** The join itself, then what the contact starts from: members and their watermarks, recent messages, the visitor. */
async function join(session: LivechatSession, chatId: string, nickname: string | undefined): Promise<ContactSeed> {
  const { rest } = session.client;
  const path = `/v1/livechat/chats/${encodeURIComponent(chatId)}`;
  const joined = await rest.request<{ chat: Chat; members: Member[] }>(`${path}/join`, {
    method: 'POST',
    body: nickname === undefined ? {} : { nickname },
  });
  const [customer, recent] = await Promise.all([
    rest.request<{ user: SeedUser }>(`${path}/visitor`).then(
      (r) => r.user,
      () => null,
    ),
    session.client.history({ chatId, position: 'up', limit: 100 }).then(
      (page: HistoryPage) => page.messages,
      (): Message[] => [],
    ),
  ]);
  const info: ContactInfo = {
    id: joined.chat.id,
    domain: session.domain,
    state: joined.chat.state,
    customer,
    participants: joined.members
      .filter((m) => m.leftAt === null)
      .map((m) => ({ id: m.userId, role: m.role, isAgent: m.role === 'agent' || m.role === 'bot' })),
  };
  return { info, members: joined.members, recent };
}

/** The error of a call made before `init` completed. */
export function notInitialized(): LivechatError {
  return new LivechatError('E_NOT_INITIALIZED', 'LIVECHATSDK is not initialised: call `await LIVECHATSDK.init({ url, token })` first');
}
