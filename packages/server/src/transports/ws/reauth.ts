import { AuthSchema, ParleyError, validator, type AuthResult } from '@parley/protocol';
import type { GatewayServices } from './gateway-services.js';
import type { Connection } from './connection.js';

const authInput = validator(AuthSchema);

/**
 * The `auth` op: a fresh token for an open socket. It must verify (signature, expiry, token version)
 * and name the socket's own tenant and user; otherwise the ack is an error and the socket keeps its
 * old token and deadline. Returns the new deadline, which the gateway then gives the connection.
 */
export async function reauthenticate(services: GatewayServices, conn: Connection, data: unknown): Promise<AuthResult> {
  const { token } = authInput.parse(data);
  const { actor, expiresAt } = await services.auth.userToken(token);
  if (actor.tenant.id !== conn.tenantId || actor.user.id !== conn.userId) {
    throw new ParleyError('E_TOKEN_INVALID', 'The token belongs to another user than this connection');
  }
  // The row just read is the newest: a changed nickname or role applies from the next operation.
  conn.actor.user = actor.user;
  return { expiresAt };
}
