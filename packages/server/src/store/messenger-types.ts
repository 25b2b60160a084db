import type { MemberRole } from '@parley/protocol';
import type { MemberRow } from './types.js';

/** A user's favourite message (seed 004 favourites). */
export interface FavouriteRow {
  tenantId: string;
  userId: string;
  chatId: string;
  messageId: string;
  /** The message's seq in its chat (clearing a chat up to a seq finds its favourites by it). */
  seq: number;
  createdAt: number;
}

/** A message one user deleted for themselves (seed 004 "delete for me"). */
export interface HiddenMessageRow {
  tenantId: string;
  chatId: string;
  userId: string;
  seq: number;
  messageId: string;
  hiddenAt: number;
}

/** The messenger part of the store (`store.messenger`): per-user facts about messages. */
export interface MessengerStore {
  /** Marks a favourite; returns false when it already was one. */
  addFavourite(row: FavouriteRow): Promise<boolean>;
  /** Unmarks a favourite; returns whether there was one. */
  removeFavourite(tenantId: string, userId: string, messageId: string): Promise<boolean>;
  /** The user's favourites, newest marked first; only those of `chatId` when given. */
  listFavourites(tenantId: string, userId: string, opts?: { chatId?: string }): Promise<FavouriteRow[]>;
  /**
   * Removes the user's favourites — all of them, or those of one chat, optionally only up to a seq.
   * Returns how many went.
   */
  removeFavourites(tenantId: string, userId: string, opts?: { chatId?: string; maxSeq?: number }): Promise<number>;
  /** Removes every user's favourite of a message (it was deleted for everyone). Returns how many. */
  removeFavouritesOfMessage(tenantId: string, messageId: string): Promise<number>;
  /** Hides messages from one user (delete for me); hiding twice is harmless. */
  hideMessages(rows: readonly HiddenMessageRow[]): Promise<void>;
  /** Changes a current member's role (group admins); the row after, or null when not a current member. */
  setMemberRole(chatId: string, userId: string, role: MemberRole): Promise<MemberRow | null>;
  /** Of the given seqs of a chat, those hidden from the user. */
  hiddenSeqs(chatId: string, userId: string, seqs: readonly number[]): Promise<number[]>;
  /** Of the given (chat, seq) pairs, those hidden from the user: `hiddenSeqs` over many chats at once. */
  hiddenOf(userId: string, refs: readonly { chatId: string; seq: number }[]): Promise<{ chatId: string; seq: number }[]>;
}
