import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { NewWebhookEvent, Store, WebhookDeliveryRow, WebhookEndpointRow } from '../../../src/store/index.js';
import { tenantRow } from '../../helpers/store-rows.js';
import type { ConformanceContext } from './context.js';
import { code } from './support.js';

const T0 = 1_700_000_000_000;

function endpointRow(tenantId: string, overrides: Partial<WebhookEndpointRow> = {}): WebhookEndpointRow {
  return {
    id: `wh_${randomUUID()}`,
    tenantId,
    url: 'https://bot.example.test/hook',
    secret: `whsec_${randomUUID()}`,
    description: 'a bot',
    events: ['*'],
    active: true,
    botUserId: null,
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

function deliveryRow(endpoint: WebhookEndpointRow, overrides: Partial<WebhookDeliveryRow> = {}): WebhookDeliveryRow {
  return {
    id: `dlv_${randomUUID()}`,
    tenantId: endpoint.tenantId,
    endpointId: endpoint.id,
    eventId: `evt_${randomUUID()}`,
    eventType: 'message.created',
    chatId: 'CHAT_1',
    payload: '{"id":"evt"}',
    status: 'pending',
    attempts: 0,
    nextAttemptAt: T0,
    leaseUntil: null,
    lastStatusCode: null,
    lastError: null,
    replayOf: null,
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

async function tenantWithEndpoint(store: Store, overrides: Partial<WebhookEndpointRow> = {}): Promise<WebhookEndpointRow> {
  const tenant = await store.createTenant(tenantRow());
  return store.webhooks.createEndpoint(endpointRow(tenant.id, overrides));
}

function eventRow(tenantId: string, overrides: Partial<NewWebhookEvent> = {}): NewWebhookEvent {
  const id = `evt_${randomUUID()}`;
  return { id, tenantId, type: 'message.created', chatId: 'CHAT_1', senderId: null, memberId: null, payload: `{"id":"${id}"}`, createdAt: T0, ...overrides };
}

/** Webhook endpoints, the delivery queue (due, lease, attempts) and the delivery log. */
export function webhooksConformance(ctx: ConformanceContext): void {
  describe('webhook endpoints', () => {
    it('creates, reads, lists, updates and deletes an endpoint, scoped by tenant', async () => {
      const endpoint = await tenantWithEndpoint(ctx.store, { botUserId: 'bot-1', events: ['message.created', 'chat.queued'] });
      assert.deepEqual(await ctx.store.webhooks.getEndpoint(endpoint.tenantId, endpoint.id), endpoint);
      assert.equal(await ctx.store.webhooks.getEndpoint(randomUUID(), endpoint.id), null);
      const second = await ctx.store.webhooks.createEndpoint(endpointRow(endpoint.tenantId, { createdAt: T0 + 1, active: false }));
      assert.deepEqual(await ctx.store.webhooks.listEndpoints(endpoint.tenantId), [endpoint, second]);

      const updated = await ctx.store.webhooks.updateEndpoint(endpoint.tenantId, endpoint.id, {
        url: 'http://127.0.0.1:9/x',
        events: ['*'],
        active: false,
        botUserId: null,
        updatedAt: T0 + 5,
      });
      assert.deepEqual(updated, { ...endpoint, url: 'http://127.0.0.1:9/x', events: ['*'], active: false, botUserId: null, updatedAt: T0 + 5 });
      assert.equal(await ctx.store.webhooks.updateEndpoint(randomUUID(), endpoint.id, { active: true }), null);

      assert.equal(await ctx.store.webhooks.deleteEndpoint(randomUUID(), endpoint.id), false);
      assert.equal(await ctx.store.webhooks.deleteEndpoint(endpoint.tenantId, endpoint.id), true);
      assert.equal(await ctx.store.webhooks.getEndpoint(endpoint.tenantId, endpoint.id), null);
      assert.deepEqual(await ctx.store.webhooks.listEndpoints(endpoint.tenantId), [second]);
    });

    it('refuses a taken id with E_CONFLICT and an unknown tenant with E_TENANT_NOT_FOUND', async () => {
      const endpoint = await tenantWithEndpoint(ctx.store);
      await assert.rejects(ctx.store.webhooks.createEndpoint(endpointRow(endpoint.tenantId, { id: endpoint.id })), code('E_CONFLICT'));
      await assert.rejects(ctx.store.webhooks.createEndpoint(endpointRow(randomUUID())), code('E_TENANT_NOT_FOUND'));
    });
  });

  describe('webhook events and cursors', () => {
    it('stores each event once for every endpoint; each endpoint reads after its cursor, which moves once', async () => {
      const a = await tenantWithEndpoint(ctx.store);
      const b = await ctx.store.webhooks.createEndpoint(endpointRow(a.tenantId, { events: ['chat.ended'] }));
      const events = [eventRow(a.tenantId), eventRow(a.tenantId, { type: 'chat.ended' }), eventRow(a.tenantId)];
      await ctx.store.webhooks.appendEvents(events);
      const readA = await ctx.store.webhooks.eventsAfterCursor(a.id, 10);
      const readB = await ctx.store.webhooks.eventsAfterCursor(b.id, 10);
      assert.deepEqual(readA?.events.map((e) => e.id), events.map((e) => e.id));
      assert.deepEqual(readB?.events.map((e) => e.id), events.map((e) => e.id), 'the same rows, whatever the endpoint');
      assert.deepEqual(await ctx.store.webhooks.countWaitingEvents([a.id, b.id]), new Map([[a.id, 3], [b.id, 1]]));

      const first = readA.events[0]!;
      const delivery = deliveryRow(a, { eventId: first.id, payload: first.payload });
      assert.equal(await ctx.store.webhooks.advanceCursor(a.id, readA.cursor, first.seq, [delivery]), true);
      assert.equal(await ctx.store.webhooks.advanceCursor(a.id, readA.cursor, first.seq, [deliveryRow(a)]), false, 'a cursor moves once from where it was');
      assert.deepEqual((await ctx.store.webhooks.listDeliveries(a.tenantId, { limit: 10, endpointId: a.id })).map((d) => d.id), [delivery.id]);
      assert.deepEqual((await ctx.store.webhooks.eventsAfterCursor(a.id, 10))?.events.map((e) => e.id), events.slice(1).map((e) => e.id));

      // Over its limit, an endpoint skips its oldest events ahead and counts them.
      assert.equal(await ctx.store.webhooks.trimBacklog(a.id, 2), 1, 'one pending delivery and one waiting event are kept');
      assert.deepEqual((await ctx.store.webhooks.eventsAfterCursor(a.id, 10))?.events.map((e) => e.id), [events[2]!.id]);
      assert.equal((await ctx.store.webhooks.getEndpointHealth([a.id]))[0]?.dropped, 1);

      // A new endpoint starts after the newest event.
      const late = await ctx.store.webhooks.createEndpoint(endpointRow(a.tenantId));
      assert.deepEqual((await ctx.store.webhooks.eventsAfterCursor(late.id, 10))?.events, []);
    });

    it('leases an endpoint to one owner at a time until the lease runs out', async () => {
      const endpoint = await tenantWithEndpoint(ctx.store);
      const now = Date.now();
      assert.equal(await ctx.store.webhooks.leaseEndpoint(endpoint.id, 'node_a', now, now + 1000), true);
      assert.equal(await ctx.store.webhooks.leaseEndpoint(endpoint.id, 'node_b', now, now + 1000), false);
      assert.equal(await ctx.store.webhooks.leaseEndpoint(endpoint.id, 'node_a', now + 10, now + 2000), true, 'its holder renews it');
      assert.equal(await ctx.store.webhooks.leaseEndpoint(endpoint.id, 'node_b', now + 2000, now + 3000), true, 'taken over once it ran out');
      await ctx.store.webhooks.releaseEndpoints('node_b');
      assert.equal(await ctx.store.webhooks.leaseEndpoint(endpoint.id, 'node_a', now + 2000, now + 3000), true, 'free once released');
    });
  });

  describe('webhook deliveries', () => {
    it('lists the due endpoints and leases each due delivery to one caller', async () => {
      const endpoint = await tenantWithEndpoint(ctx.store);
      const now = Date.now() + 1_000_000;
      const due = [1, 2, 3].map((n) => deliveryRow(endpoint, { nextAttemptAt: now - 10 + n }));
      const later = deliveryRow(endpoint, { nextAttemptAt: now + 60_000 });
      await ctx.store.webhooks.createDeliveries([...due, later]);
      assert.ok((await ctx.store.webhooks.listDueEndpoints(now, 1000)).includes(endpoint.id));

      const first = await ctx.store.webhooks.claimDeliveries(endpoint.id, now, now + 30_000, 2);
      assert.deepEqual(first.map((d) => d.id), [due[0]!.id, due[1]!.id]);
      assert.ok(first.every((d) => d.leaseUntil === now + 30_000));
      const rest = await ctx.store.webhooks.claimDeliveries(endpoint.id, now, now + 30_000, 10);
      assert.deepEqual(rest.map((d) => d.id), [due[2]!.id]);
      assert.deepEqual(await ctx.store.webhooks.claimDeliveries(endpoint.id, now, now + 30_000, 10), []);
      assert.ok(!(await ctx.store.webhooks.listDueEndpoints(now, 1000)).includes(endpoint.id));

      // A lease that ran out (its node died) is taken again; a released one at once.
      const again = await ctx.store.webhooks.claimDeliveries(endpoint.id, now + 30_000, now + 60_000, 1);
      assert.deepEqual(again.map((d) => d.id), [due[0]!.id]);
      await ctx.store.webhooks.releaseDeliveries([due[1]!.id]);
      const released = await ctx.store.webhooks.claimDeliveries(endpoint.id, now, now + 30_000, 10);
      assert.deepEqual(released.map((d) => d.id), [due[1]!.id]);
    });

    it('gives each delivery to one of several concurrent claimers', async (t) => {
      if (ctx.backend.noConcurrentHandles) return t.skip(ctx.backend.noConcurrentHandles);
      const endpoint = await tenantWithEndpoint(ctx.store);
      const now = Date.now() + 2_000_000;
      const rows = Array.from({ length: 20 }, () => deliveryRow(endpoint, { nextAttemptAt: now - 1 }));
      await ctx.store.webhooks.createDeliveries(rows);
      const other = await ctx.backend.open();
      const claims = await Promise.all(
        [ctx.store, other, ctx.store, other].map((store) => store.webhooks.claimDeliveries(endpoint.id, now, now + 1000, 20)),
      );
      const ids = claims.flat().map((d) => d.id);
      assert.equal(ids.length, 20);
      assert.equal(new Set(ids).size, 20);
    });

    it('records attempts and moves the delivery on; the log pages newest first', async () => {
      const endpoint = await tenantWithEndpoint(ctx.store);
      const a = deliveryRow(endpoint, { createdAt: T0 + 1 });
      const b = deliveryRow(endpoint, { createdAt: T0 + 2 });
      await ctx.store.webhooks.createDeliveries([a, b]);
      const retried = await ctx.store.webhooks.recordAttempt(
        { deliveryId: a.id, attempt: 1, startedAt: T0 + 10, durationMs: 12, statusCode: 500, error: 'HTTP 500', responseBody: 'oops' },
        { status: 'pending', nextAttemptAt: T0 + 100, at: T0 + 22 },
      );
      assert.deepEqual(retried, { ...a, attempts: 1, nextAttemptAt: T0 + 100, lastStatusCode: 500, lastError: 'HTTP 500', updatedAt: T0 + 22 });
      const done = await ctx.store.webhooks.recordAttempt(
        { deliveryId: a.id, attempt: 2, startedAt: T0 + 100, durationMs: 3, statusCode: 204, error: null, responseBody: '' },
        { status: 'delivered', nextAttemptAt: null, at: T0 + 103 },
      );
      assert.equal(done?.status, 'delivered');
      assert.equal(done?.nextAttemptAt, null);
      assert.deepEqual(
        (await ctx.store.webhooks.listAttempts(a.id)).map((x) => [x.attempt, x.statusCode, x.durationMs, x.responseBody]),
        [
          [1, 500, 12, 'oops'],
          [2, 204, 3, ''],
        ],
      );

      assert.deepEqual(await ctx.store.webhooks.getDelivery(endpoint.tenantId, a.id), done);
      assert.equal(await ctx.store.webhooks.getDelivery(randomUUID(), a.id), null);
      const log = await ctx.store.webhooks.listDeliveries(endpoint.tenantId, { limit: 10 });
      assert.deepEqual(log.map((d) => d.id), [b.id, a.id]);
      assert.deepEqual((await ctx.store.webhooks.listDeliveries(endpoint.tenantId, { limit: 10, before: T0 + 2 })).map((d) => d.id), [a.id]);
      assert.deepEqual((await ctx.store.webhooks.listDeliveries(endpoint.tenantId, { limit: 10, status: 'pending' })).map((d) => d.id), [b.id]);
      assert.deepEqual((await ctx.store.webhooks.listDeliveries(endpoint.tenantId, { limit: 10, endpointId: randomUUID() })), []);
    });

    it("keeps an endpoint's health: failures in a row, backoff, circuit, backlog count, dropped events", async () => {
      const endpoint = await tenantWithEndpoint(ctx.store);
      const now = Date.now() + 3_000_000;
      const rows = [1, 2, 3].map((n) => deliveryRow(endpoint, { nextAttemptAt: now - 10 + n }));
      await ctx.store.webhooks.createDeliveries(rows);
      assert.deepEqual(await ctx.store.webhooks.getEndpointHealth([endpoint.id, randomUUID()]), [
        { endpointId: endpoint.id, consecutiveFailures: 0, retryAt: null, pausedAt: null, lastError: null, lastFailureAt: null, dropped: 0 },
      ]);
      assert.deepEqual(await ctx.store.webhooks.dueEndpoints(now, 1000).then((d) => d.filter((e) => e.id === endpoint.id)), [{ id: endpoint.id, paused: false, failing: false }]);

      assert.equal(await ctx.store.webhooks.recordEndpointFailure(endpoint.id, 'HTTP 500', now), 1);
      assert.equal(await ctx.store.webhooks.recordEndpointFailure(endpoint.id, 'refused', now + 1), 2);
      assert.equal(await ctx.store.webhooks.recordEndpointFailure(randomUUID(), 'x', now), 0);
      // Backing off: not due, and nothing to claim, until its retry time.
      await ctx.store.webhooks.setEndpointRetry(endpoint.id, now + 100);
      assert.ok(!(await ctx.store.webhooks.listDueEndpoints(now, 1000)).includes(endpoint.id));
      assert.deepEqual(await ctx.store.webhooks.claimDeliveries(endpoint.id, now, now + 30_000, 10), []);
      assert.deepEqual(await ctx.store.webhooks.dueEndpoints(now + 100, 1000).then((d) => d.filter((e) => e.id === endpoint.id)), [{ id: endpoint.id, paused: false, failing: true }]);

      const paused = await ctx.store.webhooks.countPausedEndpoints();
      assert.equal(await ctx.store.webhooks.pauseEndpoint(endpoint.id, now + 2, now + 1000), true);
      assert.equal(await ctx.store.webhooks.pauseEndpoint(endpoint.id, now + 3, now + 2000), false, 'opens once');
      assert.equal(await ctx.store.webhooks.countPausedEndpoints(), paused + 1);
      assert.ok(!(await ctx.store.webhooks.listDueEndpoints(now + 999, 1000)).includes(endpoint.id));
      assert.deepEqual(await ctx.store.webhooks.dueEndpoints(now + 1000, 1000).then((d) => d.filter((e) => e.id === endpoint.id)), [{ id: endpoint.id, paused: true, failing: true }]);
      assert.deepEqual(await ctx.store.webhooks.getEndpointHealth([endpoint.id]), [
        { endpointId: endpoint.id, consecutiveFailures: 2, retryAt: now + 1000, pausedAt: now + 2, lastError: 'refused', lastFailureAt: now + 1, dropped: 0 },
      ]);

      assert.deepEqual(await ctx.store.webhooks.countPendingDeliveries([endpoint.id, 'wh_none'], 2), new Map([[endpoint.id, 2], ['wh_none', 0]]));
      assert.deepEqual(await ctx.store.webhooks.countPendingDeliveries([endpoint.id], 100), new Map([[endpoint.id, 3]]));
      await ctx.store.webhooks.addDroppedEvents(new Map([[endpoint.id, 4]]));
      await ctx.store.webhooks.addDroppedEvents(new Map([[endpoint.id, 1]]));

      assert.equal(await ctx.store.webhooks.resumeEndpoint(endpoint.id), true);
      assert.equal(await ctx.store.webhooks.resumeEndpoint(endpoint.id), false);
      assert.equal(await ctx.store.webhooks.countPausedEndpoints(), paused);
      assert.deepEqual(await ctx.store.webhooks.getEndpointHealth([endpoint.id]), [
        { endpointId: endpoint.id, consecutiveFailures: 0, retryAt: null, pausedAt: null, lastError: 'refused', lastFailureAt: now + 1, dropped: 5 },
      ]);
      assert.equal((await ctx.store.webhooks.claimDeliveries(endpoint.id, now, now + 30_000, 10)).length, 3);
    });

    it('prunes finished deliveries and deletes an endpoint with its log', async () => {
      const endpoint = await tenantWithEndpoint(ctx.store);
      const old = deliveryRow(endpoint, { status: 'failed', nextAttemptAt: null, updatedAt: 5 });
      const pending = deliveryRow(endpoint, { updatedAt: 5 });
      await ctx.store.webhooks.createDeliveries([old, pending]);
      assert.ok((await ctx.store.webhooks.pruneDeliveries(6)) >= 1);
      assert.equal(await ctx.store.webhooks.getDelivery(endpoint.tenantId, old.id), null);
      assert.ok(await ctx.store.webhooks.getDelivery(endpoint.tenantId, pending.id));
      await ctx.store.webhooks.deleteEndpoint(endpoint.tenantId, endpoint.id);
      assert.equal(await ctx.store.webhooks.getDelivery(endpoint.tenantId, pending.id), null);
    });
  });
}
