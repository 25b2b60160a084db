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
 * before any network call, resolves to `{statusCode, message, data}` and rejects with a
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

