import { randomUUID } from 'node:crypto';
import {
  CANNED_LIMITS,
  CreateCannedSchema,
  ParleyError,
  UpdateCannedSchema,
  validator,
  type CannedScope,
} from '@parley/protocol';
import type { CannedRow, Store } from '../../store/index.js';
import type { Actor } from '../actor.js';
import { actingUser, can, requireCapability } from '../../authz/index.js';

const createInput = validator(CreateCannedSchema);
const updateInput = validator(UpdateCannedSchema);

/** Who may write shared responses: those who oversee every chat (supervisors, admins, owners, admin keys). */
const SHARED_WRITERS = 'accessAnyChat' as const;

function notFound(id: string): ParleyError {
  return new ParleyError('E_CANNED_NOT_FOUND', `Canned response ${id} not found`);
}

/**
 * Canned responses, shared by the team or kept by one agent. Every staff member reads their own, the
 * team's and those of the departments they serve (all of them when they serve every department, or
 * oversee every chat); only the owner touches a personal one; shared ones are written by supervisors
 * and admins. Someone else's personal response is "not found", never "forbidden".
 */
export class CannedResponses {
  constructor(private readonly store: Store) {}

  async list(actor: Actor): Promise<CannedRow[]> {
    requireCapability(actor, 'routeLivechat');
    const me = actingUser(actor);
    const rows = await this.store.livechat.listCanned(actor.tenant.id, me?.id ?? null);
    const serves = await this.departmentsOf(actor);
    return rows.filter((r) => r.scope !== 'department' || serves === 'all' || serves.has(r.departmentId ?? ''));
  }

  async create(actor: Actor, raw: unknown): Promise<CannedRow> {
    requireCapability(actor, 'routeLivechat');
    const input = createInput.parse(raw ?? {});
    const target = await this.target(actor, input.scope, input.departmentId ?? null);
    const owned = await this.store.livechat.countCanned(actor.tenant.id, target.ownerId);
    const limit = target.ownerId === null ? CANNED_LIMITS.sharedPerTenant : CANNED_LIMITS.personalPerAgent;
    if (owned >= limit) throw new ParleyError('E_VALIDATION', `/scope: at most ${limit} ${target.ownerId === null ? 'shared' : 'personal'} canned responses`, { path: '/scope' });
    const now = Date.now();
    const row: CannedRow = { id: randomUUID(), tenantId: actor.tenant.id, ...target, shortcut: input.shortcut, text: input.text, createdAt: now, updatedAt: now };
    return this.store.livechat.createCanned(row).catch((err: unknown) => rethrowTaken(err, input.shortcut));
  }

  async update(actor: Actor, id: string, raw: unknown): Promise<CannedRow> {
    requireCapability(actor, 'routeLivechat');
    const input = updateInput.parse(raw ?? {});
    const row = await this.writable(actor, id);
    const scope = input.scope ?? row.scope;
    const departmentId = input.departmentId !== undefined ? input.departmentId : input.scope !== undefined && input.scope !== 'department' ? null : row.departmentId;
    const target = scope === row.scope && departmentId === row.departmentId ? { scope, ownerId: row.ownerId, departmentId } : await this.target(actor, scope, departmentId);
    const next: CannedRow = { ...row, ...target, shortcut: input.shortcut ?? row.shortcut, text: input.text ?? row.text, updatedAt: Date.now() };
    const found = await this.store.livechat.updateCanned(next).catch((err: unknown) => rethrowTaken(err, next.shortcut));
    if (!found) throw notFound(id);
    return next;
  }

  async remove(actor: Actor, id: string): Promise<void> {
    requireCapability(actor, 'routeLivechat');
    await this.writable(actor, id);
    if (!(await this.store.livechat.deleteCanned(actor.tenant.id, id))) throw notFound(id);
  }

  /** The row, if the actor may change it: their own personal one, or a shared one for supervisors and admins. */
  private async writable(actor: Actor, id: string): Promise<CannedRow> {
    const row = await this.store.livechat.getCanned(actor.tenant.id, id);
    if (!row) throw notFound(id);
    if (row.scope === 'personal') {
      if (row.ownerId !== actingUser(actor)?.id) throw notFound(id);
      return row;
    }
    requireCapability(actor, SHARED_WRITERS, 'Only supervisors and admins change shared canned responses');
    return row;
  }

  /** Where a response of `scope` goes for this actor, checking that they may put it there. */
  private async target(actor: Actor, scope: CannedScope, departmentId: string | null): Promise<Pick<CannedRow, 'scope' | 'ownerId' | 'departmentId'>> {
    if (scope !== 'department' && departmentId !== null) throw new ParleyError('E_VALIDATION', '/departmentId: only a department response names a department', { path: '/departmentId' });
    if (scope === 'personal') {
      const me = actingUser(actor);
      if (!me) throw new ParleyError('E_FORBIDDEN', 'A personal canned response belongs to a person: use a user token');
      return { scope, ownerId: me.id, departmentId: null };
    }
    requireCapability(actor, SHARED_WRITERS, 'Only supervisors and admins write shared canned responses');
    if (scope === 'team') return { scope, ownerId: null, departmentId: null };
    if (departmentId === null) throw new ParleyError('E_VALIDATION', '/departmentId: a department response names its department', { path: '/departmentId' });
    if (!(await this.store.livechat.getDepartment(actor.tenant.id, departmentId))) {
      throw new ParleyError('E_DEPARTMENT_NOT_FOUND', `Department ${departmentId} not found`, { path: '/departmentId' });
    }
    return { scope, ownerId: null, departmentId };
  }

  /** The departments whose responses the actor sees: every one for overseers and agents serving all. */
  private async departmentsOf(actor: Actor): Promise<'all' | Set<string>> {
    const me = actingUser(actor);
    if (can(actor, 'accessAnyChat') || !me) return 'all';
    const agent = await this.store.livechat.getAgent(actor.tenant.id, me.id);
    const departments = agent?.departments ?? [];
    // Routing reads an empty list as "serves every department"; so does this.
    return departments.length === 0 ? 'all' : new Set(departments);
  }
}

function rethrowTaken(err: unknown, shortcut: string): never {
  if (err instanceof ParleyError && err.code === 'E_CONFLICT') {
    throw new ParleyError('E_CONFLICT', `/shortcut: "${shortcut}" is already a shortcut there`, { path: '/shortcut' });
  }
  throw err;
}
