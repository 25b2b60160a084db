import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Static } from 'typebox';
import { EVENT_NAMES, EVENT_SCHEMAS, EventSchema, LIVECHAT_EVENT_NAMES, validator, type Chat, type EventMap, type EventName, type ParleyEvent } from '../src/index.js';

/** Each schema describes exactly its interface: a field added to one and not the other fails the typecheck. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Mismatched = { [E in EventName]: Same<Static<(typeof EVENT_SCHEMAS)[E]>, EventMap[E]> extends true ? never : E }[EventName];
const everySchemaMatches: [Mismatched] extends [never] ? true : Mismatched = true;

/** Every name of the map is listed, once. */
type Unlisted = Exclude<EventName, (typeof EVENT_NAMES)[number]>;
const everyNameListed: [Unlisted] extends [never] ? true : Unlisted = true;

const events = validator(EventSchema);

const chat: Chat = { id: 'c1', tenantId: 't1', kind: 'livechat', state: 'active', title: '', lastSeq: 3, createdAt: 1, createdBy: 'v1' };

describe('event catalogue', () => {
  it('has a schema for every event, and the schemas hold to the interfaces', () => {
    assert.equal(everySchemaMatches, true);
    assert.equal(everyNameListed, true);
    assert.deepEqual(Object.keys(EVENT_SCHEMAS).sort(), [...EVENT_NAMES].sort());
    assert.equal(new Set(EVENT_NAMES).size, EVENT_NAMES.length);
    for (const name of LIVECHAT_EVENT_NAMES) assert.ok(EVENT_NAMES.includes(name), name);
  });

  it('the union takes an event whose data is its own, and refuses data of another event', () => {
    const assigned: ParleyEvent = { event: 'livechat.assigned', data: { chatId: 'c1', chat, departmentId: null, agentId: 'a1' } };
    assert.ok(events.check(assigned));
    assert.ok(events.check({ event: 'chat.updated', data: chat }));
    assert.equal(events.check({ event: 'livechat.assigned', data: chat }), false);
    assert.equal(events.check({ event: 'livechat.ended', data: { chatId: 'c1', chat, endedBy: 'a1' } }), false, 'ts is required');
    assert.equal(events.check({ event: 'livechat.queued', data: { chatId: 'c1', chat, departmentId: null, cause: 'bored', fromAgentId: null } }), false);
    assert.equal(events.check({ event: 'livechat.unknown', data: {} }), false);
  });
});
