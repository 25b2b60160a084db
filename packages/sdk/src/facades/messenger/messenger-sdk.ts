import { getGroupJid, type FeatureList } from '@parley/protocol';
import { ParleyClient, type ParleyClientOptions } from '../../client.js';
import { requireId } from './args.js';
import * as chats from './chats.js';
import type { RecentChat } from './chats.js';
import { MessengerContext, type Me } from './context.js';
import { envelope, invalid, toMessengerError, type MessengerResponse } from './envelope.js';
import * as favourites from './favourites.js';
import type { FavouriteView } from './favourites.js';
import * as groups from './groups.js';
import type { GroupView, Participant } from './groups.js';
import { ListenerHub, type CallbackListeners } from './listeners.js';
import * as media from './media.js';
import type { FileMessageParams, MediaMessage } from './media.js';
import type { MessengerMessage } from './message-view.js';
import * as messages from './messages.js';
import type { SendOptions } from './messages.js';
import { checkNotification, showNotification, type ChatNotification, type NotificationResult } from './notification.js';

/** How to build the messenger: around an existing client, or from the client's own options. */
export type MessengerOptions = ({ client: ParleyClient } | ParleyClientOptions) & { callbackListeners?: CallbackListeners };

type Reply<T> = Promise<MessengerResponse<T>>;

/**
 * The messenger of seed 004 by the names its users know, over one {@link ParleyClient} (which keeps the
 * connection, resume and outbox; this class only translates). Every method checks its arguments
 * before any network call, resolves to the envelope `{statusCode, message, data}` and rejects with a
 * {@link MessengerError} carrying the same envelope and Parley's `code` (a feature outside the tenant's
 * plan: 403 `E_FEATURE_UNAVAILABLE`). A user's JID is `userId@domain`; a group's is
 * `groupId@mix.domain` ({@link MessengerSDK.getGroupJid}).
 *
 * @example
 * ```ts
 * import { MessengerSDK } from '@parley/sdk';
 * const SDK = new MessengerSDK({ url: 'http://127.0.0.1:8080', token: () => fetchToken() });
 * SDK.initializeSDK({ callbackListeners: { messageListener: (e) => console.log(e.msgType, e) } });
 * await SDK.connect();
 * await SDK.sendTextMessage(SDK.getJid('bob'), 'Hello Bob');
 * ```
 */
export class MessengerSDK {
  /** The native client underneath: state machine, resume, outbox, REST. */
  readonly client: ParleyClient;
  readonly #ctx: MessengerContext;
  readonly #hub: ListenerHub;

  /**
   * Builds the messenger; it connects only on `connect()`.
   *
   * @param options - An existing `ParleyClient` to wrap, or the options to build one (`url` of the server,
   *   `token` string or function); `callbackListeners` as in `initializeSDK`.
   *
   * @example
   * ```ts
   * const SDK = new MessengerSDK({ url: 'https://chat.example.com', token: () => fetchToken() });
   * const same = new MessengerSDK({ client: existingParleyClient });
   * ```
   */
  constructor(options: MessengerOptions) {
    this.client = 'client' in options ? options.client : new ParleyClient(options);
    this.#ctx = new MessengerContext(this.client);
    this.#hub = new ListenerHub(this.#ctx);
    if (options.callbackListeners) this.#hub.listeners = { ...options.callbackListeners };
  }

  /**
   * Sets the callbacks (seed 004 `initializeSDK`): `connectionListener`, `messageListener`,
   * `favouriteMessageListener`, `groupProfileListener`, `errorListener`.
   *
   * @param init - The callbacks; each must be a function; they replace any set before.
   * @returns `{statusCode, message, data}` at once, where `data` is `{listeners}`: the names of the callbacks
   *   set.
   *
   * @example
   * ```ts
   * SDK.initializeSDK({ callbackListeners: { messageListener: (e) => e.msgType === 'receiveMessage' && show(e.message) } });
   * ```
   */
  initializeSDK(init: { callbackListeners?: CallbackListeners }): MessengerResponse<{ listeners: string[] }> {
    if (typeof init !== 'object' || init === null) throw invalid('initializeObj', 'must be an object');
    const listeners = init.callbackListeners ?? {};
    for (const [name, fn] of Object.entries(listeners)) if (typeof fn !== 'function') throw invalid(`callbackListeners/${name}`, 'must be a function');
    this.#hub.listeners = { ...listeners };
    return { statusCode: 200, message: 'SDK initialized', data: { listeners: Object.keys(listeners) } };
  }

  /**
   * Connects (and keeps reconnecting and resuming) and learns who the user is.
   *
   * @returns The envelope; `data`: `{userId, domain, jid}`: who the user is.
   *
   * @example
   * ```ts
   * const { data } = await SDK.connect(); // data.jid: "alice@DEFAULT"
   * ```
   */
  connect(): Reply<Me> {
    return envelope('Connected', async () => {
      await this.client.connect();
      return this.#ctx.me();
    });
  }

  /**
   * Disconnects; sends not yet acknowledged go out after the next `connect`.
   *
   * @returns `{statusCode, message, data: null}` at once.
   *
   * @example
   * ```ts
   * SDK.disconnect();
   * ```
   */
  disconnect(): MessengerResponse<null> {
    this.client.disconnect();
    return { statusCode: 200, message: 'Disconnected', data: null };
  }

  /**
   * The JID of a user (seed 004 `getJid`): `userId@domain`, the domain being the logged-in user's
   * (known after `connect`). Throws a 400 {@link MessengerError} for a bad id or before `connect`.
   *
   * @param userId - A user id (`bob`, `USER_x@y`).
   * @returns The JID `userId@domain`, at once.
   *
   * @example
   * ```ts
   * const userJid = SDK.getJid('bob'); // "bob@DEFAULT"
   * ```
   */
  getJid(userId: string): string {
    try {
      return messages.jidOf(this.#ctx, userId);
    } catch (err) {
      throw toMessengerError(err);
    }
  }

  /**
   * The JID of a group: `groupId@mix.domain` (a group's id is its chat id).
   *
   * @param groupId - A group's id (its chat id).
   * @returns The JID `groupId@mix.domain`, at once.
   *
   * @example
   * ```ts
   * const groupJid = SDK.getGroupJid(group.id);
   * ```
   */
  getGroupJid(groupId: string): string {
    const id = requireId('GROUP_ID', groupId);
    const domain = this.#ctx.domain;
    if (domain === undefined) throw invalid('GROUP_ID', 'the SDK is not connected yet: call connect() first');
    return getGroupJid(id, domain);
  }

  /**
   * The features of the tenant's plan; a call outside them answers 403 `E_FEATURE_UNAVAILABLE`.
   *
   * @returns The envelope; `data`: `{plan, features, available}`: the plan's features, and every feature with
   *   whether the plan has it.
   *
   * @example
   * ```ts
   * const { data } = await SDK.getAvailableFeatures();
   * if (!data.available.favouriteMessage) hideStarButton();
   * ```
   */
  getAvailableFeatures(): Reply<FeatureList> {
    return envelope('Available features', () => this.client.request('features', {}));
  }

  /**
   * The recent chats, newest first: JID, chat type, last message, unread count, muted and archived.
   *
   * @returns The envelope; `data`: recent chats, newest first: `{toJid, chatType, lastMessage, unreadCount,
   *   muted, archived, …}`.
   *
   * @example
   * ```ts
   * const { data } = await SDK.getRecentChats();
   * for (const c of data) console.log(c.toJid, c.unreadCount, c.lastMessage?.content);
   * ```
   */
  getRecentChats(): Reply<RecentChat[]> {
    return envelope('Recent chats', () => chats.getRecentChats(this.#ctx));
  }

  /**
   * A page of a chat's messages (oldest first). `POSITION` `"up"` pages to older messages, `"down"` to
   * newer ones, from `LAST_ROW_ID` (a message id); `LIMIT` 1–100 (default 50).
   *
   * @param TO_JID - The user or group JID of the chat.
   * @param POSITION - `up` pages to older messages, `down` to newer ones (from `LAST_ROW_ID`).
   * @param LAST_ROW_ID - The message id to page from; the newest page without it.
   * @param LIMIT - Messages per page, 1–100 (default 50).
   * @returns The envelope; `data`: messages, oldest first (`[]` when there is no chat yet).
   *
   * @example
   * ```ts
   * const page = await SDK.getChatMessages(bobJid);
   * const older = await SDK.getChatMessages(bobJid, 'up', page.data[0]?.msgId, 20);
   * ```
   */
  getChatMessages(TO_JID: string, POSITION?: 'up' | 'down', LAST_ROW_ID?: string, LIMIT?: number): Reply<MessengerMessage[]> {
    return this.#run('Chat messages', () => messages.getChatMessages(this.#ctx, TO_JID, POSITION, LAST_ROW_ID, LIMIT));
  }

  /**
   * Sends a text message to a user or group; a reply with `replyMessageId`, mentions (group members)
   * with `mentionedUsersIds`. Also takes one object `{toJid, messageText, …}` (the SDK's v2 form).
   *
   * @param toJid - The user or group JID, or the whole call as one object.
   * @param messageText - The text, 1–4096 characters.
   * @param options - The message this one answers; the mentioned user ids (group members, at most 100); a
   *   client UUID that makes retries idempotent.
   * @returns The envelope; `data`: the committed message (`msgId`, `seq`, `ts`, `content`…).
   *
   * @example
   * ```ts
   * await SDK.sendTextMessage(groupJid, 'Hi @bob', { mentionedUsersIds: ['bob'], replyMessageId: original.msgId });
   * await SDK.sendTextMessage({ toJid: bobJid, messageText: 'Hello' });
   * ```
   */
  sendTextMessage(toJid: string | { toJid: string; messageText: string } & SendOptions, messageText?: string, options?: SendOptions): Reply<MessengerMessage> {
    if (typeof toJid === 'object' && toJid !== null) {
      const { toJid: jid, messageText: text, ...rest } = toJid;
      return this.#run('Message sent', () => messages.sendTextMessage(this.#ctx, jid, text, rest));
    }
    return this.#run('Message sent', () => messages.sendTextMessage(this.#ctx, toJid, messageText, options));
  }

  /**
   * Sends an image (png, jpg, jpeg, svg, gif) from `file` or `fileUrl`; name, size and thumbnail are
   * filled in when not given. The answer carries `fileToken` and `fileKey` for `downloadMedia`.
   *
   * @param toJid - The user or group JID.
   * @param fileMessageParams - The image (png, jpg, jpeg, svg, gif) as `file` (`File`, `Blob`, bytes) or
   *   `fileUrl` (one of them); the rest is optional.
   * @param options - As in `sendTextMessage`.
   * @returns The envelope; `data`: the committed message with `fileToken` and `fileKey`.
   *
   * @example
   * ```ts
   * await SDK.sendImageMessage(bobJid, { file: input.files[0], caption: 'Look' });
   * ```
   */
  sendImageMessage(toJid: string, fileMessageParams: FileMessageParams, options?: SendOptions): Reply<MediaMessage> {
    return this.#run('Image sent', () => media.sendMediaMessage(this.#ctx, 'IMAGE', toJid, fileMessageParams, options));
  }

  /**
   * Sends an audio file (mp3, mpeg, wav); its duration is detected when not given.
   *
   * @param toJid - The user or group JID.
   * @param fileMessageParams - The audio (mp3, mpeg, wav) as `file` or `fileUrl`; `duration` in seconds
   *   (detected when absent).
   * @param options - As in `sendTextMessage`.
   * @returns The envelope; `data`: the committed message with `fileToken` and `fileKey`.
   *
   * @example
   * ```ts
   * await SDK.sendAudioMessage(bobJid, { file: recording, fileName: 'memo.mp3' });
   * ```
   */
  sendAudioMessage(toJid: string, fileMessageParams: FileMessageParams, options?: SendOptions): Reply<MediaMessage> {
    return this.#run('Audio sent', () => media.sendMediaMessage(this.#ctx, 'AUDIO', toJid, fileMessageParams, options));
  }

  /**
   * Sends a video (mp4); duration and thumbnail are made when not given.
   *
   * @param toJid - The user or group JID.
   * @param fileMessageParams - The video (mp4) as `file` or `fileUrl`; duration and thumbnail are made when
   *   absent.
   * @param options - As in `sendTextMessage`.
   * @returns The envelope; `data`: the committed message with `fileToken` and `fileKey`.
   *
   * @example
   * ```ts
   * await SDK.sendVideoMessage(bobJid, { fileUrl: 'https://example.com/clip.mp4', caption: 'Clip' });
   * ```
   */
  sendVideoMessage(toJid: string, fileMessageParams: FileMessageParams, options?: SendOptions): Reply<MediaMessage> {
    return this.#run('Video sent', () => media.sendMediaMessage(this.#ctx, 'VIDEO', toJid, fileMessageParams, options));
  }

  /**
   * Sends a document (pdf, doc, xls, csv, ppt, txt and their x-variants).
   *
   * @param toJid - The user or group JID.
   * @param fileMessageParams - The document (pdf, doc, docx, xls, xlsx, csv, ppt, pptx, txt) as `file` or
   *   `fileUrl`.
   * @param options - As in `sendTextMessage`.
   * @returns The envelope; `data`: the committed message with `fileToken` and `fileKey`.
   *
   * @example
   * ```ts
   * await SDK.sendDocumentMessage(bobJid, { file: pdfBytes, fileName: 'offer.pdf' });
   * ```
   */
  sendDocumentMessage(toJid: string, fileMessageParams: FileMessageParams, options?: SendOptions): Reply<MediaMessage> {
    return this.#run('Document sent', () => media.sendMediaMessage(this.#ctx, 'DOCUMENT', toJid, fileMessageParams, options));
  }

  /**
   * Downloads a media file by the `fileToken` (and `fileKey`) of its message: the URL and the bytes.
   * A message deleted for everyone answers 404.
   *
   * @param fileToken - The `fileToken` of a media message.
   * @param fileKey - Its `fileKey`; when given it must match the token.
   * @returns The envelope; `data`: `{fileUrl, blob, contentType, fileSize}`.
   *
   * @example
   * ```ts
   * const { data } = await SDK.downloadMedia(msg.fileToken, msg.fileKey);
   * img.src = URL.createObjectURL(data.blob);
   * ```
   */
  downloadMedia(fileToken: string, fileKey?: string): Reply<{ fileUrl: string; blob: Blob; contentType: string; fileSize: number }> {
    return this.#run('Media downloaded', () => media.downloadMedia(this.#ctx, fileToken, fileKey));
  }

  /**
   * A chat's media messages, newest first: 3 at first, then 10 older than `LAST_MESSAGE_ID` per call.
   *
   * @param TO_USER_JID - The user or group JID of the chat.
   * @param LAST_MESSAGE_ID - The oldest media message already shown; without it, the newest 3.
   * @returns The envelope; `data`: media messages, newest first (3, then 10 per call), each with `fileToken`
   *   and `fileKey`.
   *
   * @example
   * ```ts
   * const first = await SDK.getMediaMessages(bobJid);
   * const more = await SDK.getMediaMessages(bobJid, first.data.at(-1)?.msgId);
   * ```
   */
  getMediaMessages(TO_USER_JID: string, LAST_MESSAGE_ID?: string): Reply<MediaMessage[]> {
    return this.#run('Media messages', () => media.getMediaMessages(this.#ctx, TO_USER_JID, LAST_MESSAGE_ID));
  }

  /**
   * Marks a message (and everything before it in the chat) as seen.
   *
   * @param TO_USER_JID - The user or group JID of the chat.
   * @param MESSAGE_ID - The last message seen; everything before it counts as seen too.
   * @returns The envelope; `data`: `{seq}`: the seen watermark now.
   *
   * @example
   * ```ts
   * await SDK.sendSeenStatus(event.fromUserJid, event.msgId);
   * ```
   */
  sendSeenStatus(TO_USER_JID: string, MESSAGE_ID: string): Reply<{ seq: number }> {
    return this.#run('Seen status sent', () => messages.sendSeenStatus(this.#ctx, TO_USER_JID, MESSAGE_ID));
  }

  /**
   * Tells the user or group that the user is typing; renew it every few seconds while typing.
   *
   * @param TO_JID - The user or group JID.
   * @returns The envelope; `data`: `{toJid}`.
   *
   * @example
   * ```ts
   * input.oninput = () => void SDK.sendTypingStatus(bobJid);
   * ```
   */
  sendTypingStatus(TO_JID: string): Reply<{ toJid: string }> {
    return this.#run('Typing status sent', () => messages.sendTyping(this.#ctx, TO_JID, true));
  }

  /**
   * Tells the user or group that the user stopped typing.
   *
   * @param TO_JID - The user or group JID.
   * @returns The envelope; `data`: `{toJid}`.
   *
   * @example
   * ```ts
   * input.onblur = () => void SDK.sendTypingGoneStatus(bobJid);
   * ```
   */
  sendTypingGoneStatus(TO_JID: string): Reply<{ toJid: string }> {
    return this.#run('Typing gone status sent', () => messages.sendTyping(this.#ctx, TO_JID, false));
  }

  /**
   * A message by id (to show what a reply answers); `CHAT_TYPE` `"chat"` or `"groupchat"` narrows it.
   *
   * @param REPLY_MESSAGE_ID - The id of the message a reply answers.
   * @param CHAT_TYPE - Only look in direct (`chat`) or group chats.
   * @returns The envelope; `data`: the message.
   *
   * @example
   * ```ts
   * const { data } = await SDK.getReplyMessage(message.replyTo, 'chat');
   * ```
   */
  getReplyMessage(REPLY_MESSAGE_ID: string, CHAT_TYPE?: 'chat' | 'groupchat'): Reply<MessengerMessage> {
    return this.#run('Reply message', () => messages.getReplyMessage(this.#ctx, REPLY_MESSAGE_ID, CHAT_TYPE));
  }

  /**
   * Forwards messages to one user or group, as new messages with `forwardedFrom`. `IS_ASYNC` (default
   * true) forwards them one by one; false in one request. Retries never duplicate them.
   *
   * @param TO_JID - The user or group JID to forward to.
   * @param MESSAGE_IDS - The messages to forward, 1–100.
   * @param IS_ASYNC - `true` (default): one request per message; `false`: all in one request.
   * @returns The envelope; `data`: the new messages, with `forwardedFrom`.
   *
   * @example
   * ```ts
   * await SDK.forwardMessages(groupJid, [m1.msgId, m2.msgId]);
   * ```
   */
  forwardMessages(TO_JID: string, MESSAGE_IDS: string[], IS_ASYNC = true): Reply<MessengerMessage[]> {
    return this.#run('Messages forwarded', () => messages.forwardMessages(this.#ctx, TO_JID, MESSAGE_IDS, IS_ASYNC));
  }

  /**
   * Forwards messages to several users (each in the direct chat with them) or groups.
   *
   * @param TO_JIDS - User or group JIDs (non-empty; at most 50).
   * @param MESSAGE_IDS - The messages to forward, 1–100.
   * @param IS_ASYNC - As in `forwardMessages`.
   * @returns The envelope; `data`: the new messages, in every target chat.
   *
   * @example
   * ```ts
   * await SDK.forwardMessagesToMultipleUsers([bobJid, carolJid], [m.msgId], false);
   * ```
   */
  forwardMessagesToMultipleUsers(TO_JIDS: string[], MESSAGE_IDS: string[], IS_ASYNC = true): Reply<MessengerMessage[]> {
    return this.#run('Messages forwarded', () => messages.forwardMessagesToMultipleUsers(this.#ctx, TO_JIDS, MESSAGE_IDS, IS_ASYNC));
  }

  /**
   * Adds (`IS_FAVOURITE` true) or removes a message from the user's favourites.
   *
   * @param TO_JID - The user or group JID of the chat.
   * @param MESSAGE_ID - The message.
   * @param IS_FAVOURITE - `true` adds it to the favourites, `false` removes it.
   * @param MENTIONED_USERS_IDS - Accepted as seed 004 shows it (checked, not used).
   * @returns The envelope; `data`: `{msgId, isFavourite}`.
   *
   * @example
   * ```ts
   * await SDK.updateFavouriteStatus(bobJid, message.msgId, true);
   * ```
   */
  updateFavouriteStatus(TO_JID: string, MESSAGE_ID: string, IS_FAVOURITE: boolean, MENTIONED_USERS_IDS?: string[]): Reply<{ msgId: string; isFavourite: boolean }> {
    return this.#run('Favourite updated', () => favourites.updateFavouriteStatus(this.#ctx, TO_JID, MESSAGE_ID, IS_FAVOURITE, MENTIONED_USERS_IDS));
  }

  /**
   * Every favourite of the user; the same envelope also goes to `favouriteMessageListener`.
   *
   * @returns The envelope; `data`: favourites `{favouritedAt, message}`; the same envelope goes to
   *   `favouriteMessageListener`.
   *
   * @example
   * ```ts
   * SDK.initializeSDK({ callbackListeners: { favouriteMessageListener: (res) => render(res.data) } });
   * await SDK.getAllFavouriteMessages();
   * ```
   */
  async getAllFavouriteMessages(): Reply<FavouriteView[]> {
    const response = await this.#run('Favourite messages', () => favourites.getAllFavouriteMessages(this.#ctx));
    this.#hub.listeners.favouriteMessageListener?.(response);
    return response;
  }

  /**
   * Removes every favourite of the user.
   *
   * @returns The envelope; `data`: `{removed}`: how many.
   *
   * @example
   * ```ts
   * await SDK.removeAllFavouriteMessages();
   * ```
   */
  removeAllFavouriteMessages(): Reply<{ removed: number }> {
    return this.#run('Favourites removed', () => favourites.removeAllFavouriteMessages(this.#ctx));
  }

  /**
   * Clears a chat for the user only, entirely or up to `LAST_MSG_ID`. `FAVOURITES: true` removes the
   * user's favourites among the cleared messages too (by default they stay in the favourites).
   *
   * @param TO_JID - The user or group JID.
   * @param FAVOURITES - `true` removes the favourites among the cleared messages too (default `false`: kept).
   * @param LAST_MSG_ID - Clear up to this message; everything without it.
   * @returns The envelope; `data`: `{clearedSeq}`.
   *
   * @example
   * ```ts
   * await SDK.clearChat(bobJid);
   * ```
   */
  clearChat(TO_JID: string, FAVOURITES?: boolean, LAST_MSG_ID?: string): Reply<{ clearedSeq: number }> {
    return this.#run('Chat cleared', () => chats.clearChat(this.#ctx, TO_JID, FAVOURITES, LAST_MSG_ID));
  }

  /**
   * Deletes a chat from the user's recent chats (cleared, and hidden until a new message arrives).
   *
   * @param TO_JID - The user or group JID.
   * @param FAVOURITES - As in `clearChat`.
   * @returns The envelope; `data`: `{clearedSeq}`.
   *
   * @example
   * ```ts
   * await SDK.deleteChat(bobJid);
   * ```
   */
  deleteChat(TO_JID: string, FAVOURITES?: boolean): Reply<{ clearedSeq: number }> {
    return this.#run('Chat deleted', () => chats.deleteChat(this.#ctx, TO_JID, FAVOURITES));
  }

  /**
   * Clears every chat of the user (they stay in the recent chats).
   *
   * @returns The envelope; `data`: `{chats}`: how many were cleared.
   *
   * @example
   * ```ts
   * await SDK.clearAllChats();
   * ```
   */
  clearAllChats(): Reply<{ chats: number }> {
    return this.#run('All chats cleared', () => this.client.request('chats.clearAll', {}));
  }

  /**
   * Deletes every single and group chat from the user's recent chats.
   *
   * @returns The envelope; `data`: `{chats}`: how many were deleted.
   *
   * @example
   * ```ts
   * await SDK.deleteAllRecentChats();
   * ```
   */
  deleteAllRecentChats(): Reply<{ chats: number }> {
    return this.#run('All recent chats deleted', () => this.client.request('chats.deleteAll', {}));
  }

  /**
   * Deletes messages for the user only; the others still see them.
   *
   * @param TO_JID - The user or group JID of the chat.
   * @param MESSAGE_IDS - The messages, 1–100.
   * @returns The envelope; `data`: `{messageIds}`.
   *
   * @example
   * ```ts
   * await SDK.deleteMessagesForMe(bobJid, [message.msgId]);
   * ```
   */
  deleteMessagesForMe(TO_JID: string, MESSAGE_IDS: string[]): Reply<{ messageIds: string[] }> {
    return this.#run('Messages deleted for you', () => messages.deleteMessages(this.#ctx, false, TO_JID, MESSAGE_IDS));
  }

  /**
   * Deletes the user's own messages for everyone: the others see a deleted marker (`recallMessage`),
   * attachments can no longer be downloaded.
   *
   * @param TO_JID - The user or group JID of the chat.
   * @param MESSAGE_IDS - The user's own messages, 1–100.
   * @returns The envelope; `data`: `{messageIds}`.
   *
   * @example
   * ```ts
   * await SDK.deleteMessagesForEveryone(bobJid, [message.msgId]);
   * ```
   */
  deleteMessagesForEveryone(TO_JID: string, MESSAGE_IDS: string[]): Reply<{ messageIds: string[] }> {
    return this.#run('Messages deleted for everyone', () => messages.deleteMessages(this.#ctx, true, TO_JID, MESSAGE_IDS));
  }

  /**
   * Mutes (`IS_MUTED` true) or unmutes a chat's notifications.
   *
   * @param TO_JID - The user or group JID.
   * @param IS_MUTED - `true` mutes, `false` unmutes.
   * @returns The envelope; `data`: `{toJid, isMuted}`.
   *
   * @example
   * ```ts
   * await SDK.updateMuteNotification(groupJid, true);
   * ```
   */
  updateMuteNotification(TO_JID: string, IS_MUTED: boolean): Reply<{ toJid: string; isMuted: boolean }> {
    return this.#run('Mute updated', () => chats.updateMuteNotification(this.#ctx, TO_JID, IS_MUTED));
  }

  /**
   * Archives (`IS_ARCHIVED` true) or unarchives a chat.
   *
   * @param TO_JID - The user or group JID.
   * @param IS_ARCHIVED - `true` archives, `false` unarchives.
   * @returns The envelope; `data`: `{toJid, isArchived}`.
   *
   * @example
   * ```ts
   * await SDK.updateArchiveChat(bobJid, true);
   * ```
   */
  updateArchiveChat(TO_JID: string, IS_ARCHIVED: boolean): Reply<{ toJid: string; isArchived: boolean }> {
    return this.#run('Archive updated', () => chats.updateArchiveChat(this.#ctx, TO_JID, IS_ARCHIVED));
  }

  /**
   * Every archived chat of the user.
   *
   * @returns The envelope; `data`: the archived chats, as `getRecentChats` shows them.
   *
   * @example
   * ```ts
   * const { data } = await SDK.getAllArchivedChats();
   * ```
   */
  getAllArchivedChats(): Reply<RecentChat[]> {
    return this.#run('Archived chats', () => chats.getAllArchivedChats(this.#ctx));
  }

  /**
   * Shows a browser notification (asking permission the first time). Where there is no Notification
   * API (Node, some webviews) it shows nothing and says so: `data.shown` false, `reason` `"unsupported"`.
   *
   * @param notification - What to show; notifications with the same `tag` replace each other; `onClick` runs
   *   on a click.
   * @returns The envelope; `data`: `{shown, reason?}`: `reason` is `unsupported` or `denied` when nothing was
   *   shown.
   *
   * @example
   * ```ts
   * await SDK.showChatNotification({ title: 'Bob', body: 'Hello', onClick: () => openChat(bobJid) });
   * ```
   */
  showChatNotification(notification: ChatNotification): Reply<NotificationResult> {
    return this.#run('Chat notification', async () => {
      const checked = checkNotification(notification);
      return showNotification(checked);
    }).then((res) => (res.data.shown ? res : { ...res, message: res.data.reason === 'denied' ? 'Notifications are not permitted' : 'Notifications are not supported here; nothing was shown' }));
  }

  /**
   * Creates a group with the user as owner.
   *
   * @param GROUP_NAME - The name, 1–200 characters.
   * @param USER_JID_ARRAY - The user JIDs to add (may be empty; at most 1000).
   * @param GROUP_IMAGE - An image URL, at most 2000 characters.
   * @returns The envelope; `data`: the group `{groupJid, groupName, participants, …}`.
   *
   * @example
   * ```ts
   * const { data: group } = await SDK.createGroup('Team', [bobJid, carolJid]);
   * ```
   */
  createGroup(GROUP_NAME: string, USER_JID_ARRAY: string[], GROUP_IMAGE?: string): Reply<GroupView> {
    return this.#run('Group created', () => groups.createGroup(this.#ctx, GROUP_NAME, USER_JID_ARRAY, GROUP_IMAGE));
  }

  /**
   * A group's profile: name, image and participants.
   *
   * @param GROUP_JID - The group JID (`groupId@mix.domain`).
   * @returns The envelope; `data`: the group `{groupJid, groupName, participants, …}`.
   *
   * @example
   * ```ts
   * const { data } = await SDK.getGroupProfile(groupJid);
   * ```
   */
  getGroupProfile(GROUP_JID: string): Reply<GroupView> {
    return this.#run('Group profile', () => groups.getGroupProfile(this.#ctx, GROUP_JID));
  }

  /**
   * Changes a group's name and/or image (owners and admins); members get `groupProfileListener`.
   *
   * @param GROUP_JID - The group JID.
   * @param GROUP_NAME - The new name, 1–200 characters.
   * @param GROUP_IMAGE - The new image URL.
   * @returns The envelope; `data`: the group after the change.
   *
   * @example
   * ```ts
   * await SDK.setGroupProfile(groupJid, 'New name', 'https://example.com/team.png');
   * ```
   */
  setGroupProfile(GROUP_JID: string, GROUP_NAME?: string, GROUP_IMAGE?: string): Reply<GroupView> {
    return this.#run('Group profile updated', () => groups.setGroupProfile(this.#ctx, GROUP_JID, GROUP_NAME, GROUP_IMAGE));
  }

  /**
   * Adds users to a group (owners and admins).
   *
   * @param GROUP_JID - The group JID.
   * @param GROUP_NAME - Accepted as seed 004 shows it (checked, not used).
   * @param USER_JID - The user JIDs to add (non-empty; at most 1000).
   * @returns The envelope; `data`: the group after the change.
   *
   * @example
   * ```ts
   * await SDK.addParticipants(groupJid, 'Team', [daveJid]);
   * ```
   */
  addParticipants(GROUP_JID: string, GROUP_NAME: string | undefined, USER_JID: string[]): Reply<GroupView> {
    return this.#run('Participants added', () => groups.addParticipants(this.#ctx, GROUP_JID, GROUP_NAME, USER_JID));
  }

  /**
   * Removes a participant (owners and admins).
   *
   * @param GROUP_JID - The group JID.
   * @param USER_JID - The participant to remove.
   * @returns The envelope; `data`: the group after the change.
   *
   * @example
   * ```ts
   * await SDK.removeParticipant(groupJid, daveJid);
   * ```
   */
  removeParticipant(GROUP_JID: string, USER_JID: string): Reply<GroupView> {
    return this.#run('Participant removed', () => groups.removeParticipant(this.#ctx, GROUP_JID, USER_JID));
  }

  /**
   * Makes a participant an admin.
   *
   * @param GROUP_JID - The group JID.
   * @param USER_JID - The participant to make an admin.
   * @returns The envelope; `data`: the group after the change.
   *
   * @example
   * ```ts
   * await SDK.makeAsAdmin(groupJid, bobJid);
   * ```
   */
  makeAsAdmin(GROUP_JID: string, USER_JID: string): Reply<GroupView> {
    return this.#run('Participant made admin', () => groups.setAdmin(this.#ctx, GROUP_JID, USER_JID, true));
  }

  /**
   * Makes an admin a plain participant again.
   *
   * @param GROUP_JID - The group JID.
   * @param USER_JID - The admin to make a plain participant.
   * @returns The envelope; `data`: the group after the change.
   *
   * @example
   * ```ts
   * await SDK.removeAsAdmin(groupJid, bobJid);
   * ```
   */
  removeAsAdmin(GROUP_JID: string, USER_JID: string): Reply<GroupView> {
    return this.#run('Admin removed', () => groups.setAdmin(this.#ctx, GROUP_JID, USER_JID, false));
  }

  /**
   * Leaves a group; an owner who leaves hands it to the longest-standing participant.
   *
   * @param GROUP_JID - The group JID.
   * @returns The envelope; `data`: `{groupJid}`.
   *
   * @example
   * ```ts
   * await SDK.userExitGroup(groupJid);
   * ```
   */
  userExitGroup(GROUP_JID: string): Reply<{ groupJid: string }> {
    return this.#run('Left the group', () => groups.leaveOrDelete(this.#ctx, GROUP_JID, 'group.leave'));
  }

  /**
   * Deletes a group for everyone (owners and admins): every participant is removed.
   *
   * @param GROUP_JID - The group JID.
   * @returns The envelope; `data`: `{groupJid}`.
   *
   * @example
   * ```ts
   * await SDK.userDeleteGroup(groupJid);
   * ```
   */
  userDeleteGroup(GROUP_JID: string): Reply<{ groupJid: string }> {
    return this.#run('Group deleted', () => groups.leaveOrDelete(this.#ctx, GROUP_JID, 'group.delete'));
  }

  /**
   * A group's participants, with JIDs and admin flags.
   *
   * @param GROUP_JID - The group JID.
   * @returns The envelope; `data`: participants `{userId, userJid, role, isAdmin, …}`.
   *
   * @example
   * ```ts
   * const { data } = await SDK.getGroupParticipants(groupJid);
   * ```
   */
  getGroupParticipants(GROUP_JID: string): Reply<Participant[]> {
    return this.#run('Group participants', () => groups.getGroupParticipants(this.#ctx, GROUP_JID));
  }

  /**
   * The user's groups, as the recent chats show them.
   *
   * @returns The envelope; `data`: the user's groups, as `getRecentChats` shows them.
   *
   * @example
   * ```ts
   * const { data } = await SDK.getGroupsList();
   * ```
   */
  getGroupsList(): Reply<RecentChat[]> {
    return this.#run('Groups', () => groups.getGroupsList(this.#ctx));
  }

  /**
   * Sends the delivery receipts the SDK holds back for a moment (bursts share one receipt) now.
   *
   * @returns A promise that resolves once the held-back receipts are sent.
   *
   * @example
   * ```ts
   * await SDK.flushDeliveryReceipts();
   * ```
   */
  async flushDeliveryReceipts(): Promise<void> {
    await this.#hub.flush();
  }

  /** Checks the arguments (synchronously, in `run`) and wraps the outcome in the envelope. */
  #run<T>(message: string, run: () => Promise<T>): Reply<T> {
    return envelope(message, run);
  }
}

