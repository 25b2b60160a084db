import type { EventMap, EventName, LivechatEventName, Message } from '@parley/protocol';
import type { Bus } from '../bus/index.js';
import type { TenantRow } from '../store/index.js';
import { serialisePublished } from './serialised.js';

export interface ChatEventOptions {
  seq?: number;
  origin?: string;
  member?: { userId: string; joined: boolean };
}

/**
 * A committed fact, as local listeners (webhooks, live-chat follow-ups) see it: one member per event
 * of the catalogue, so a listener narrows on `event` and gets its `data` typed.
 */
export type DomainEvent = { [E in EventName]: DomainEventOf<E> }[EventName];

export interface DomainEventOf<E extends EventName> {
  tenantId: string;
  chatId: string;
  event: E;
  data: EventMap[E];
}

export type DomainListener = (event: DomainEvent) => void;

/**
 * Emits events after commit: serialises each once, publishes it on the bus for every gateway, and
 * tells this node's listeners (which run once per event cluster-wide, on the node that committed).
 */
export class EventDispatcher {
  private readonly listeners = new Set<DomainListener>();

  constructor(private readonly bus: Bus) {}

  chat<E extends EventName>(tenantId: string, chatId: string, event: E, data: EventMap[E], opts: ChatEventOptions = {}): void {
    this.publish(tenantId, chatId, event, data, opts);
    // The union member for this E: TypeScript does not relate a generic E to its member of the union.
    const committed = { tenantId, chatId, event, data } as DomainEvent;
    for (const listener of this.listeners) {
      try {
        listener(committed);
      } catch {
        // Listeners are side effects; they never undo or block the commit.
      }
    }
  }

  /**
   * A live chat's routing change. Sockets also get the chat as `chat.updated`, as they always have
   * (clients follow a chat's state with it); listeners get the live-chat event alone.
   */
  livechat<E extends LivechatEventName>(tenantId: string, chatId: string, event: E, data: EventMap[E]): void {
    this.publish(tenantId, chatId, 'chat.updated', data.chat);
    this.chat(tenantId, chatId, event, data);
  }

  /**
   * A committed message announced again, to sockets only. A send retried with the same id finds its
   * message stored when the first answer was lost — and the commit may have gone out without its event
   * (the node died, or the database went away between COMMIT and its answer). Connections that already
   * had the message drop it by seq; listeners (webhooks, rules) are not told twice.
   */
  reannounce(tenantId: string, chatId: string, message: Message, opts: ChatEventOptions): void {
    this.publish(tenantId, chatId, 'message', message, opts);
  }

  user(tenantId: string, userId: string, action: 'revoke' | 'disable'): void {
    this.bus.publish({ kind: 'user', tenantId, userId, action });
  }

  /** After a tenant's row changed: every node takes it (open connections) and drops its caches of it. */
  tenant(tenant: TenantRow): void {
    this.bus.publish({ kind: 'tenant', tenantId: tenant.id, tenant });
  }

  onEvent(listener: DomainListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private publish<E extends EventName>(tenantId: string, chatId: string, event: E, data: EventMap[E], opts: ChatEventOptions = {}): void {
    const frame = `{"t":"event","event":${JSON.stringify(event)},"data":${serialisePublished(data)}}`;
    this.bus.publish({ kind: 'chat', tenantId, chatId, event, frame, at: Date.now(), ...opts });
  }
}
