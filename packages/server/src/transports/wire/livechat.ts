import type { Department, LivechatAgent, OfflineMessage } from '@parley/protocol';
import type { DepartmentRow, OfflineMessageRow } from '../../store/index.js';
import type { AgentView } from '../../domain/livechat/index.js';

/** The live-chat rows as the API shows them (docs/livechat.md). */

export function toDepartment(row: DepartmentRow): Department {
  return { id: row.id, tenantId: row.tenantId, name: row.name, routing: row.routing, createdAt: row.createdAt };
}

export function toAgent(row: AgentView): LivechatAgent {
  return {
    tenantId: row.tenantId,
    userId: row.userId,
    nickname: row.nickname,
    status: row.status,
    maxChats: row.maxChats,
    activeChats: row.activeChats,
    departments: row.departments,
    statusAt: row.statusAt,
    lastAssignedAt: row.lastAssignedAt,
  };
}

export function toOfflineMessage(row: OfflineMessageRow): OfflineMessage {
  return {
    id: row.id,
    tenantId: row.tenantId,
    departmentId: row.departmentId,
    visitorId: row.visitorId,
    name: row.name,
    email: row.email,
    text: row.text,
    createdAt: row.createdAt,
  };
}
