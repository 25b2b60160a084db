// The authorisation policy as a table: every role against every capability. The expectation below is
// written by hand, so a change to the policy (a role gaining or losing a capability, a new capability)
// fails here until this table is changed with it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ParleyError, type UserKind } from '@parley/protocol';
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
  manageTenant: ['operator', 'admin'],
  operateInstallation: ['operator'],
  accessAnyChat: ['operator', 'admin'],
  sendAsIntegration: ['operator', 'admin', 'bot'],
  actAsUser: ['agent', 'bot', 'customer', 'member'],
  routeLivechat: ['operator', 'admin', 'agent'],
  workAsAgent: ['agent'],
  handOverLivechat: ['operator', 'admin', 'bot'],
  visitLivechat: ['customer'],
  sendUnmetered: ['operator', 'admin', 'agent', 'bot', 'member'],
};

function tenant(id: string, features = DEFAULT_PLAN.features): TenantRow {
  return { id, domain: id, name: id, contactCenterId: `cc-${id}`, plan: { ...DEFAULT_PLAN, features }, allowedOrigins: [], createdAt: 0 };
}

/** One actor of each role, as the auth layer builds them. */
function actorFor(role: Role): Actor {
  if (role === 'operator') return { type: 'admin', tenant: tenant(DEFAULT_TENANT), keyId: 'k-op' };
  if (role === 'admin') return { type: 'admin', tenant: tenant('acme'), keyId: 'k-acme' };
  const kind: UserKind = role;
  return {
    type: 'user',
    tenant: tenant('acme'),
    user: { tenantId: 'acme', id: `u-${kind}`, kind, nickname: kind, profile: {}, tokenVersion: 0, disabledAt: null, createdAt: 0 },
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
    assert.throws(() => requireAdminKey(actorFor('agent')), forbidden('An admin API key is required'));
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
    assert.deepEqual(ROLES.filter((r) => isTrusted(actorFor(r))), ['operator', 'admin', 'bot']);
  });

  it('refuses a feature that is not in the tenant plan with E_FEATURE_UNAVAILABLE', () => {
    requireFeature(tenant('acme', ['groupChat']), 'groupChat');
    assert.throws(
      () => requireFeature(tenant('acme', []), 'groupChat'),
      (err: unknown) => err instanceof ParleyError && err.code === 'E_FEATURE_UNAVAILABLE',
    );
  });
});
