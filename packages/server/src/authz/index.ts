/**
 * The authorisation policy: who may do what is decided here and nowhere else. Routes and domain ops
 * ask `can` / `requireCapability` (or a narrowing helper) instead of testing the actor's shape; the
 * tenant's plan is asked through `requireFeature`; chat membership stays in domain/chats/access.ts,
 * whose admin bypass asks `can(actor, 'accessAnyChat')`.
 */
export { ROLES, DEFAULT_TENANT, roleOf, actingUser, isUserActor, isKeyActor, type Role, type UserActor, type KeyActor } from './roles.js';
export { POLICY, CAPABILITIES, REFUSAL, type Capability } from './capabilities.js';
export { can, requireCapability, requireUser, requireAdminKey, requireTenantAdmin, requireActAs, canActInChat } from './check.js';
export { requireFeature, hasFeature, type Feature } from './features.js';
export { actorId, isTrusted } from './identity.js';
export { ANY_ORIGIN, normaliseOrigin, parseAllowedOrigin, ownOrigins, originAllowed, checkOrigin } from './origins.js';
export { requireRoleGrant, requireAccountControl } from './staff.js';
