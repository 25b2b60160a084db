import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Static, TSchema } from 'typebox';
import type {
  WebhookEndpointSchema} from '../src/index.js';
import {
  ChatSchema,
  ChatSummarySchema,
  FavouriteMessageSchema,
  FeatureListSchema,
  GroupProfileSchema,
  HistoryPageSchema,
  LivechatQueueSchema,
  MemberSchema,
  MessageSchema,
  MultimediaObjectSchema,
  SeedMessageSchema,
  SeedUserSchema,
  UserSchema,
  WebhookDeliverySchema,
  validator,
  type Chat,
  type ChatSummary,
  type FavouriteMessage,
  type FeatureList,
  type GroupProfile,
  type HistoryPage,
  type LivechatQueueEvent,
  type Member,
  type Message,
  type MultimediaObject,
  type SeedMessage,
  type SeedUser,
  type User,
  type WebhookDelivery,
  type WebhookEndpoint,
} from '../src/index.js';

/** True only when each type is assignable to the other: a schema that drifts from its interface fails to compile. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
function sameShape<S extends TSchema, T>(schema: S, proof: Same<Static<S>, T>): S {
  assert.equal(proof, true);
  return schema;
}

const user = { id: 'u1', isAgent: false, nickname: 'Ann' };
const message: Message = {
  chatId: 'c1',
  seq: 1,
  id: 'm1',
  messageType: 'TEXT',
  ts: 1,
  senderId: 'u1',
  content: { text: 'hi', user },
  replyTo: '',
  mentions: [],
  forwardedFrom: null,
  deliverySuccess: true,
  deliveryErrorReason: '',
  messageSeen: null,
  deleted: false,
};

describe('wire schemas', () => {
  it('each says what its TypeScript interface says', () => {
    sameShape<typeof ChatSchema, Chat>(ChatSchema, true);
    sameShape<typeof MemberSchema, Member>(MemberSchema, true);
    sameShape<typeof UserSchema, User>(UserSchema, true);
    sameShape<typeof MessageSchema, Message>(MessageSchema, true);
    sameShape<typeof ChatSummarySchema, ChatSummary>(ChatSummarySchema, true);
    sameShape<typeof HistoryPageSchema, HistoryPage>(HistoryPageSchema, true);
    sameShape<typeof SeedUserSchema, SeedUser>(SeedUserSchema, true);
    sameShape<typeof SeedMessageSchema, SeedMessage>(SeedMessageSchema, true);
    sameShape<typeof FeatureListSchema, FeatureList>(FeatureListSchema, true);
    sameShape<typeof FavouriteMessageSchema, FavouriteMessage>(FavouriteMessageSchema, true);
    sameShape<typeof GroupProfileSchema, GroupProfile>(GroupProfileSchema, true);
    sameShape<typeof LivechatQueueSchema, LivechatQueueEvent>(LivechatQueueSchema, true);
    sameShape<typeof MultimediaObjectSchema, MultimediaObject>(MultimediaObjectSchema, true);
    // The conditional check above rejects this pair although each assigns to the other; assignment is the check.
    const endpoint = (view: WebhookEndpoint): Static<typeof WebhookEndpointSchema> => view;
    const endpointView = (wire: Static<typeof WebhookEndpointSchema>): WebhookEndpoint => wire;
    assert.equal(typeof endpoint, typeof endpointView);
  });

  it('leave message content open: every type keeps its own fields', () => {
    const check = validator(MessageSchema);
    assert.ok(check.check({ ...message, content: { latitude: 1, longitude: 2, user } }));
    assert.ok(!check.check({ ...message, content: { text: 'no sender' } }), 'the sender is required');
  });

  it('accept a delivery with its payload and attempts', () => {
    const delivery: WebhookDelivery = {
      id: 'd1',
      endpointId: 'e1',
      eventId: 'ev1',
      eventType: 'message.created',
      chatId: 'c1',
      status: 'delivered',
      attempts: 1,
      nextAttemptAt: null,
      lastStatusCode: 200,
      lastError: null,
      replayOf: null,
      createdAt: 1,
      updatedAt: 2,
      payload: { id: 'ev1', type: 'message.created', tenant: 't1', occurredAt: 1, data: { chatId: 'c1', message } },
      attemptLog: [{ attempt: 1, startedAt: 1, durationMs: 12, statusCode: 200, error: null, responseBody: 'ok' }],
    };
    assert.ok(validator(WebhookDeliverySchema).check(delivery));
  });
});
