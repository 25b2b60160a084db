import { EmptySchema, FavouriteSetSchema, ParleyError, validator, type FavouriteMessage } from '@parley/protocol';
import type { Actor } from '../actor.js';
import { requireFeature } from '../tenants/index.js';
import type { MessengerDeps } from './deps.js';
import { MESSENGER_FEATURES } from './features.js';
import { userIdOf, visibleMessage } from './visibility.js';

const setInput = validator(FavouriteSetSchema);
const emptyInput = validator(EmptySchema);

/** Seed 004 favourites: a user marks messages of their chats, lists them, unmarks them. */
export class Favourites {
  constructor(private readonly d: MessengerDeps) {}

  /** Marks (`favourite: true`) or unmarks a message; marking needs a message the user can see. */
  async set(actor: Actor, raw: unknown): Promise<{ favourite: boolean }> {
    const input = setInput.parse(raw);
    requireFeature(actor.tenant, MESSENGER_FEATURES.favourites);
    const userId = userIdOf(actor);
    const { chat, member } = await this.d.access.member(actor, input.chatId);
    if (!input.favourite) {
      await this.d.store.messenger.removeFavourite(chat.tenantId, userId, input.messageId);
      return { favourite: false };
    }
    const row = await visibleMessage(this.d.store, chat, member, input.messageId, '/messageId');
    if (row.deletedAt !== null) throw new ParleyError('E_MESSAGE_NOT_FOUND', `Message ${input.messageId} was deleted`, { path: '/messageId' });
    await this.d.store.messenger.addFavourite({ tenantId: chat.tenantId, userId, chatId: chat.id, messageId: row.id, seq: row.seq, createdAt: Date.now() });
    return { favourite: true };
  }

  /** The user's favourites in the chats they are still in, newest marked first. */
  async list(actor: Actor, raw: unknown = {}): Promise<{ favourites: FavouriteMessage[] }> {
    emptyInput.parse(raw ?? {});
    requireFeature(actor.tenant, MESSENGER_FEATURES.favourites);
    const userId = userIdOf(actor);
    const rows = await this.d.store.messenger.listFavourites(actor.tenant.id, userId);
    const current = new Set((await this.d.store.listMemberships(actor.tenant.id, userId)).map((m) => m.chatId));
    const favourites: FavouriteMessage[] = [];
    for (const fav of rows) {
      if (!current.has(fav.chatId)) continue;
      const message = await this.d.store.getMessage(fav.tenantId, fav.messageId);
      if (!message || message.deletedAt !== null) continue;
      favourites.push({ chatId: fav.chatId, messageId: fav.messageId, favouritedAt: fav.createdAt, message: await this.d.reader.toMessage(message) });
    }
    return { favourites };
  }

  /** Unmarks every favourite of the user. */
  async clear(actor: Actor, raw: unknown = {}): Promise<{ removed: number }> {
    emptyInput.parse(raw ?? {});
    requireFeature(actor.tenant, MESSENGER_FEATURES.favourites);
    return { removed: await this.d.store.messenger.removeFavourites(actor.tenant.id, userIdOf(actor)) };
  }
}
