import type { TenantRow } from '../store/types.js';
import type { BusMessage } from './types.js';

/** Version of the cross-node encoding; a node ignores messages of a version it does not know. */
export const CLUSTER_PROTOCOL = 1;

/**
 * What travels between nodes: a bus message, or a control message of the cluster itself.
 * `resync`: the sender could not publish for a while (its link to the backend dropped), so the
 * others may have missed events and should catch up from the store.
 */
export type ClusterMessage = { nodeId: string } & (BusMessage | { kind: 'resync' });

/** The header line of a chat event: everything but its frame. */
type ChatHeader = Omit<Extract<BusMessage, { kind: 'chat' }>, 'frame'>;

/**
 * Encodes a cluster message as one string: a JSON header line and, for a chat event, its frame
 * verbatim after the newline. The frame was serialised once by the dispatcher and is never escaped
 * or parsed again on its way; JSON.stringify never emits a raw newline, so the first one splits.
 *
 * @example
 * doPublish(encode({ nodeId, kind: 'resync' }));
 */
export function encode(message: ClusterMessage): string {
  if (message.kind === 'chat') {
    const { frame, ...header } = message;
    return `${JSON.stringify({ v: CLUSTER_PROTOCOL, ...header })}\n${frame}`;
  }
  return JSON.stringify({ v: CLUSTER_PROTOCOL, ...message });
}

/** The message in `payload`, or undefined for anything malformed or of another version. */
export function decode(payload: string): ClusterMessage | undefined {
  const newline = payload.indexOf('\n');
  const headerText = newline === -1 ? payload : payload.slice(0, newline);
  let header: unknown;
  try {
    header = JSON.parse(headerText);
  } catch {
    return undefined;
  }
  if (!isRecord(header) || header.v !== CLUSTER_PROTOCOL || typeof header.nodeId !== 'string') return undefined;
  const { v: _version, ...rest } = header;
  switch (rest.kind) {
    case 'chat': {
      if (newline === -1 || typeof rest.chatId !== 'string' || typeof rest.tenantId !== 'string' || typeof rest.event !== 'string') {
        return undefined;
      }
      const chat = rest as unknown as ChatHeader & { nodeId: string };
      return { ...chat, frame: payload.slice(newline + 1) };
    }
    case 'user':
      if (typeof rest.userId !== 'string' || typeof rest.tenantId !== 'string') return undefined;
      if (rest.action !== 'revoke' && rest.action !== 'disable') return undefined;
      return { kind: 'user', nodeId: header.nodeId, tenantId: rest.tenantId, userId: rest.userId, action: rest.action };
    case 'tenant':
      if (typeof rest.tenantId !== 'string' || !isRecord(rest.tenant) || rest.tenant.id !== rest.tenantId || !isRecord(rest.tenant.plan)) return undefined;
      return { kind: 'tenant', nodeId: header.nodeId, tenantId: rest.tenantId, tenant: rest.tenant as unknown as TenantRow };
    case 'resync':
      return { kind: 'resync', nodeId: header.nodeId };
    default:
      return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
