import { ParleyError, isMessageType, validateContent, type MessageContentInput, type MessageType } from '@parley/protocol';

/** One seed 001 object `{data, room}`, checked and ready to append. */
export interface SeedItem {
  index: number;
  room: string;
  id: string;
  messageType: MessageType;
  ts: number;
  replyTo: string;
  content: MessageContentInput;
  sender: { id: string; isAgent: boolean };
  /** When the message was seen in the system it comes from (null: never; a missing field too). */
  messageSeen: number | null;
  deliverySuccess: boolean;
  deliveryErrorReason: string;
}

export interface SeedProblem {
  index: number;
  id?: string;
  code: string;
  message: string;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks one seed 001 object: `room` and `data.id` are non-empty strings, `data.messageType` one of
 * the 25 types, `data.ts` a time in ms, `data.messageSeen` a time in ms or null, `deliverySuccess` a
 * boolean and `deliveryErrorReason` a string when present, `data.content.user` the sender `{id, isAgent}`,
 * and the rest of the content valid for its type. Answers the item or the problem with its path.
 */
export function parseSeedItem(raw: unknown, index: number): SeedItem | SeedProblem {
  const problem = (path: string, message: string, id?: string): SeedProblem => ({ index, id, code: 'E_VALIDATION', message: `[${index}]${path}: ${message}` });
  if (!isObject(raw) || !isObject(raw.data)) return problem('', 'expected an object {data, room}');
  const { data, room } = raw;
  if (typeof room !== 'string' || room === '') return problem('.room', 'expected the chat id');
  if (typeof data.id !== 'string' || data.id === '') return problem('.data.id', 'expected the message id');
  const id = data.id;
  if (typeof data.messageType !== 'string' || !isMessageType(data.messageType)) return problem('.data.messageType', 'expected a message type', id);
  if (!isTime(data.ts)) return problem('.data.ts', 'expected a time in ms', id);
  const seen = data.messageSeen ?? null;
  if (seen !== null && !isTime(seen)) return problem('.data.messageSeen', 'expected a time in ms or null', id);
  if (data.deliverySuccess !== undefined && typeof data.deliverySuccess !== 'boolean') return problem('.data.deliverySuccess', 'expected a boolean', id);
  if (data.deliveryErrorReason !== undefined && typeof data.deliveryErrorReason !== 'string') return problem('.data.deliveryErrorReason', 'expected a string', id);
  if (data.replyTo !== undefined && data.replyTo !== null && typeof data.replyTo !== 'string') return problem('.data.replyTo', 'expected a message id or ""', id);
  if (!isObject(data.content)) return problem('.data.content', 'expected an object', id);
  const { user, ...fields } = data.content;
  if (!isObject(user) || typeof user.id !== 'string' || user.id === '') return problem('.data.content.user.id', 'expected the sender id', id);
  let content: MessageContentInput;
  try {
    content = validateContent(data.messageType, fields) as MessageContentInput;
  } catch (err) {
    if (!(err instanceof ParleyError)) throw err;
    return { index, id, code: err.code, message: `[${index}].data.content: ${err.message}` };
  }
  return {
    index,
    room,
    id,
    messageType: data.messageType,
    ts: Math.round(data.ts),
    replyTo: typeof data.replyTo === 'string' ? data.replyTo : '',
    content,
    sender: { id: user.id, isAgent: user.isAgent === true },
    messageSeen: seen === null ? null : Math.round(seen),
    deliverySuccess: data.deliverySuccess ?? true,
    deliveryErrorReason: data.deliveryErrorReason ?? '',
  };
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

export function isProblem(value: SeedItem | SeedProblem): value is SeedProblem {
  return 'code' in value;
}
