import type { Services } from '../../domain/index.js';

/** The facades the WebSocket gateway and its operations use, and no others. */
export type GatewayServices = Pick<
  Services,
  'epoch' | 'auth' | 'tenants' | 'users' | 'chats' | 'messages' | 'receipts' | 'typing' | 'messenger' | 'fanout'
>;
