import type { TSchema } from 'typebox';
import * as P from '@parley/protocol';
import { validateContent, validator, type OpName, type Validator } from '@parley/protocol';

type Check = (data: unknown) => void;

const parse = (schema: TSchema): Check => {
  const v: Validator<unknown> = validator(schema);
  return (data) => void v.parse(data);
};
/** Ops without input take `{}` or nothing (`data` absent), as their services read it. */
const emptyInput = validator(P.EmptySchema);
const empty: Check = (data) => void emptyInput.parse(data ?? {});
const send = validator(P.SendMessageSchema);
const allChats = validator(P.AllChatsSchema);

/**
 * What each op's service checks of its `data` before it touches a store: the same schemas (and, for
 * `send`, the content rules of the message type). `corpus-replay.test.ts` fails when an op has no entry.
 */
export const OP_INPUTS: Record<OpName, Check> = {
  send: (data) => {
    const input = send.parse(data);
    validateContent(input.messageType, input.content);
  },
  receipt: parse(P.ReceiptSchema),
  typing: parse(P.TypingSchema),
  history: parse(P.HistoryQuerySchema),
  resume: parse(P.ResumeSchema),
  chats: empty,
  ping: empty,
  auth: parse(P.AuthSchema),
  features: empty,
  'favourites.set': parse(P.FavouriteSetSchema),
  'favourites.list': empty,
  'favourites.clear': empty,
  'chat.clear': parse(P.ClearChatSchema),
  'chat.delete': parse(P.DeleteChatSchema),
  'chats.clearAll': (data) => void allChats.parse(data ?? {}),
  'chats.deleteAll': (data) => void allChats.parse(data ?? {}),
  'messages.deleteForMe': parse(P.DeleteMessagesSchema),
  'messages.deleteForEveryone': parse(P.DeleteMessagesSchema),
  'chat.mute': parse(P.MuteChatSchema),
  'chat.archive': parse(P.ArchiveChatSchema),
  'chats.archived': empty,
  forward: parse(P.ForwardSchema),
  'message.get': parse(P.GetMessageSchema),
  'direct.get': parse(P.DirectChatSchema),
  'group.create': parse(P.CreateGroupSchema),
  'group.get': parse(P.GroupSchema),
  'group.update': parse(P.UpdateGroupSchema),
  'group.addMembers': parse(P.GroupMembersSchema),
  'group.removeMember': parse(P.GroupMemberSchema),
  'group.setAdmin': parse(P.GroupAdminSchema),
  'group.leave': parse(P.GroupSchema),
  'group.delete': parse(P.GroupSchema),
  'groups.list': empty,
};
