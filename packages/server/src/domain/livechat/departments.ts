import { randomUUID } from 'node:crypto';
import { ParleyError } from '@parley/protocol';
import type { DepartmentRow, RoutingMode, Store } from '../../store/index.js';
import type { Actor } from '../actor.js';
import { requireCapability } from '../../authz/index.js';

export interface DepartmentInput {
  id?: string;
  name: string;
  routing?: RoutingMode;
}

/** A tenant's departments (queues) and their routing mode. Admins change them; anyone of the tenant reads. */
export class DepartmentService {
  constructor(private readonly store: Store) {}

  async create(actor: Actor, input: DepartmentInput): Promise<DepartmentRow> {
    requireCapability(actor, 'manageTenant');
    return this.store.livechat.createDepartment({
      id: input.id ?? `DEPT_${randomUUID()}`,
      tenantId: actor.tenant.id,
      name: input.name,
      routing: input.routing ?? 'auto',
      createdAt: Date.now(),
    });
  }

  list(actor: Actor): Promise<DepartmentRow[]> {
    return this.store.livechat.listDepartments(actor.tenant.id);
  }

  async update(actor: Actor, id: string, patch: { name?: string; routing?: RoutingMode }): Promise<DepartmentRow> {
    requireCapability(actor, 'manageTenant');
    await this.get(actor.tenant.id, id);
    await this.store.livechat.updateDepartment(actor.tenant.id, id, patch);
    return this.get(actor.tenant.id, id);
  }

  /** The department, or E_DEPARTMENT_NOT_FOUND (another tenant's is "not found" too). */
  async get(tenantId: string, id: string): Promise<DepartmentRow> {
    const row = await this.store.livechat.getDepartment(tenantId, id);
    if (!row) throw new ParleyError('E_DEPARTMENT_NOT_FOUND', `Department ${id} not found`, { path: '/departmentId' });
    return row;
  }
}
