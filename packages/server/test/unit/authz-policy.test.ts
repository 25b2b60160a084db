// The authorisation policy as a table: every role against every capability. The expectation below is
// written by hand, so a change to the policy (a role gaining or losing a capability, a new capability)
// fails here until this table is changed with it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ParleyError, type StaffRole, type UserKind } from '@parley/protocol';
import {
  CAPABILITIES,
  DEFAULT_TENANT,
  REFUSAL,
  ROLES,
  actorId,
  can,
  canActInChat,
  isTrusted,
  requireAdminKey,
  requireTenantAdmin,
  requireCapability,
  requireFeature,
  requireUser,
  roleOf,
  type Capability,
  type Role,
} from '../../src/authz/index.js';
import type { Actor } from '../../src/domain/actor.js';
import { DEFAULT_PLAN } from '../../src/domain/tenants/plan.js';
import type { TenantRow } from '../../src/store/index.js';

const EXPECTED: Record<Capability, readonly Role[]> = {
  manageTenant: ['operator', 'owner', 'admin'],
  manageOwners: ['operator', 'owner'],
  operateInstallation: ['operator'],
  accessAnyChat: ['operator', 'owner', 'admin', 'supervisor'],
  sendAsIntegration: ['operator', 'owner', 'admin', 'bot'],
  actAsUser: ['owner', 'admin', 'supervisor', 'agent', 'bot', 'customer', 'member'],
  routeLivechat: ['operator', 'owner', 'admin', 'supervisor', 'agent'],
  workAsAgent: ['owner', 'admin', 'supervisor', 'agent'],
  handOverLivechat: ['operator', 'owner', 'admin', 'bot'],
  visitLivechat: ['customer'],
  sendUnmetered: ['operator', 'owner', 'admin', 'supervisor', 'agent', 'bot', 'member'],
};

function tenant(id: string, features = DEFAULT_PLAN.features): TenantRow {
  return { id, domain: id, name: id, contactCenterId: `cc-${id}`, plan: { ...DEFAULT_PLAN, features }, allowedOrigins: [], createdAt: 0 };
}

/** One actor of each role, as the auth layer builds them. */
function actorFor(role: Role): Actor {
  if (role === 'operator') return { type: 'admin', tenant: tenant(DEFAULT_TENANT), keyId: 'k-op' };
  if (role === 'admin') return { type: 'admin', tenant: tenant('acme'), keyId: 'k-acme' };
  // Staff with an account are agents by kind, their rank on the user row.
  if (role === 'owner' || role === 'supervisor') return staffActor(role);
  const kind: UserKind = role;
  return {
    type: 'user',
    tenant: tenant('acme'),
    user: { tenantId: 'acme', id: `u-${kind}`, kind, nickname: kind, profile: {}, tokenVersion: 0, disabledAt: null, createdAt: 0 },
  };
}

function staffActor(role: StaffRole): Actor {
  return {
    type: 'user',
    tenant: tenant('acme'),
    user: { tenantId: 'acme', id: `u-${role}`, kind: 'agent', role, nickname: role, profile: {}, tokenVersion: 0, disabledAt: null, createdAt: 0 },
  };
}

function forbidden(message: string) {
  return (err: unknown) => err instanceof ParleyError && err.code === 'E_FORBIDDEN' && err.message === message;
}

describe('authorisation policy', () => {
  it('has exactly the capabilities of the expectation table', () => {
    assert.deepEqual([...CAPABILITIES].sort(), Object.keys(EXPECTED).sort());
  });

  for (const capability of Object.keys(EXPECTED) as Capability[]) {
    for (const role of ROLES) {
      const allowed = EXPECTED[capability].includes(role);
      it(`${role} ${allowed ? 'may' : 'may not'} ${capability}`, () => {
        const actor = actorFor(role);
        assert.equal(roleOf(actor), role);
        assert.equal(can(actor, capability), allowed);
        if (allowed) requireCapability(actor, capability);
        else assert.throws(() => requireCapability(actor, capability), forbidden(REFUSAL[capability]));
      });
    }
  }

  it('keeps the wording a caller gives for a refusal', () => {
    assert.throws(() => requireCapability(actorFor('customer'), 'routeLivechat', 'Agents and admins list agents'), forbidden('Agents and admins list agents'));
    assert.throws(() => requireUser(actorFor('admin'), 'Typing belongs to a user'), forbidden('Typing belongs to a user'));
    assert.throws(() => requireAdminKey(actorFor('agent')), forbidden('An admin API key or an admin account is required'));
    assert.equal(requireUser(actorFor('member')).user.kind, 'member');
    assert.equal(requireAdminKey(actorFor('operator')).keyId, 'k-op');
  });

  it('lets staff act in a chat only from a seat in it, unless they are an admin key', () => {
    assert.equal(canActInChat(actorFor('agent'), 'routeLivechat', false), false);
    assert.equal(canActInChat(actorFor('agent'), 'routeLivechat', true), true);
    assert.equal(canActInChat(actorFor('admin'), 'routeLivechat', false), true);
    assert.equal(canActInChat(actorFor('bot'), 'handOverLivechat', true), true);
    assert.equal(canActInChat(actorFor('customer'), 'handOverLivechat', true), false);
  });

  it('records admin keys as the system and trusts bots and admin keys', () => {
    assert.equal(actorId(actorFor('admin')), 'ADMIN_k-acme');
    assert.equal(actorId(actorFor('member')), 'u-member');
    assert.deepEqual(ROLES.filter((r) => isTrusted(actorFor(r))), ['operator', 'owner', 'admin', 'bot']);
  });

  it('takes a user’s role from their account’s rank, else from their kind', () => {
    assert.equal(roleOf(staffActor('admin')), 'admin', 'an admin account holds the admin key’s role');
    assert.equal(roleOf(staffActor('agent')), 'agent');
    assert.equal(roleOf(actorFor('agent')), 'agent', 'a token-minted agent (no account) is an agent');
    // An admin account is a person: it may act as a user, which an admin key holding the same role may not.
    assert.equal(requireUser(staffActor('admin')).user.id, 'u-admin');
    assert.throws(() => requireUser(actorFor('admin')), forbidden(REFUSAL.actAsUser));
    assert.equal(requireTenantAdmin(staffActor('owner')).type, 'user');
    assert.throws(() => requireTenantAdmin(staffActor('supervisor')), forbidden(REFUSAL.manageTenant));
    assert.throws(() => requireAdminKey(staffActor('admin')), forbidden(REFUSAL.manageTenant), 'requireAdminKey still wants a key');
  });

  it('refuses a feature that is not in the tenant plan with E_FEATURE_UNAVAILABLE', () => {
    requireFeature(tenant('acme', ['groupChat']), 'groupChat');
    assert.throws(
      () => requireFeature(tenant('acme', []), 'groupChat'),
      (err: unknown) => err instanceof ParleyError && err.code === 'E_FEATURE_UNAVAILABLE',
    );
  });
});
