import { pendingDelivery } from './deliveries.js';
import type { Store, WebhookDeliveryRow, WebhookEndpointRow, WebhookEventRow } from '../../store/index.js';

/** Events looked at past a cursor per read; a read that found none wanted moves on at the next pass. */
const SCAN = 200;

/**
 * Turns an endpoint's next events (after its cursor) into pending deliveries, a few at a time: only
 * as many as the endpoint has room for in flight, so an endpoint that does not answer costs one
 * stored row per event it is actually sent, not one per event that happens. The cursor moves past
 * the events taken and those the endpoint does not want, in the transaction that stores the
 * deliveries; from then on each delivery keeps its own retries (and the log), and survives restarts.
 */
export class EventReader {
  constructor(
    private readonly store: Store,
    /** Events kept waiting per endpoint at most (pending deliveries included); the oldest beyond are skipped. */
    private readonly backlog: number,
    private readonly onSkipped: (count: number) => void,
  ) {}

  /** Skips the endpoint ahead past what is beyond its backlog limit. */
  async trim(endpointId: string): Promise<void> {
    const skipped = await this.store.webhooks.trimBacklog(endpointId, this.backlog);
    if (skipped > 0) this.onSkipped(skipped);
  }

  /** `trim` for every active endpoint with events waiting. */
  async trimAll(): Promise<void> {
    const skipped = await this.store.webhooks.trimBacklogs(this.backlog);
    if (skipped > 0) this.onSkipped(skipped);
  }

  /** Deletes the events every endpoint has passed, and those older than `before` (skipped by endpoints still behind them). */
  async prune(before: number): Promise<void> {
    const skipped = await this.store.webhooks.pruneEvents(before);
    if (skipped > 0) this.onSkipped(skipped);
  }

  /**
   * Takes up to `room` of the endpoint's next wanted events into deliveries due at `now`. True when
   * events it did not look at yet may be waiting (read again soon).
   */
  async take(endpointId: string, room: number, now: number): Promise<boolean> {
    if (room <= 0) return false;
    const next = await this.store.webhooks.eventsAfterCursor(endpointId, SCAN);
    if (!next || !next.endpoint.active || next.events.length === 0) return false;
    const isMember = membership(this.store);
    const deliveries: WebhookDeliveryRow[] = [];
    let to = next.cursor;
    for (const event of next.events) {
      if (deliveries.length >= room) break;
      to = event.seq;
      if (await wants(next.endpoint, event, isMember)) deliveries.push(deliveryOf(next.endpoint, event, now));
    }
    const moved = await this.store.webhooks.advanceCursor(endpointId, next.cursor, to, deliveries);
    return moved && deliveries.length < room && next.events.length === SCAN;
  }
}

function deliveryOf(endpoint: WebhookEndpointRow, event: WebhookEventRow, now: number): WebhookDeliveryRow {
  return pendingDelivery(
    { tenantId: endpoint.tenantId, endpointId: endpoint.id, eventId: event.id, eventType: event.type, chatId: event.chatId, payload: event.payload },
    now,
  );
}

type IsMember = (chatId: string, userId: string) => Promise<boolean>;

/** Membership lookups, each asked once per read. */
function membership(store: Store): IsMember {
  const known = new Map<string, Promise<boolean>>();
  return (chatId, userId) => {
    const key = `${chatId}\u0000${userId}`;
    let member = known.get(key);
    if (!member) {
      member = store.getMember(chatId, userId).then((m) => m !== null && m.leftAt === null);
      known.set(key, member);
    }
    return member;
  };
}

/**
 * Whether an endpoint gets an event: it subscribed to the type, and — when it speaks for a bot — the
 * bot is in the chat (or the event is about the bot itself) and did not send the message itself.
 */
async function wants(endpoint: WebhookEndpointRow, event: WebhookEventRow, isMember: IsMember): Promise<boolean> {
  if (!endpoint.events.includes('*') && !endpoint.events.includes(event.type)) return false;
  const bot = endpoint.botUserId;
  if (bot === null) return true;
  if (event.senderId === bot) return false;
  if (event.memberId === bot) return true;
  return event.chatId !== null && isMember(event.chatId, bot);
}
