import type { UserKind } from '@parley/protocol';
import type { Config } from '../../config/index.js';
import { toUser } from '../../transports/wire/user.js';
import { withNode } from '../context.js';

export interface CreateUserArgs {
  tenant: string;
  kind: UserKind;
  nickname: string;
  id?: string;
  token: boolean;
  ttlSeconds?: number;
}

/** `parley user create …`: the user, and an access token when asked. */
export async function createUser(config: Config, args: CreateUserArgs): Promise<void> {
  await withNode(config, async (node) => {
    const tenant = await node.services.tenants.byDomain(args.tenant);
    const user = await node.services.users.create(tenant, { id: args.id, kind: args.kind, nickname: args.nickname });
    const token = args.token ? await node.services.users.issueToken(user, args.ttlSeconds) : undefined;
    console.log(JSON.stringify({ user: toUser(user), ...(token ? { token: token.token, expiresAt: token.expiresAt } : {}) }, null, 2));
  });
}
