import type { Chat, Member } from '@parley/protocol';
import type { ChatRow, MemberRow } from '../../store/index.js';

export function toChat(row: ChatRow): Chat {
  return {
    id: row.id,
    tenantId: row.tenantId,
    kind: row.kind,
    state: row.state,
    title: row.title,
    lastSeq: row.lastSeq,
    createdAt: row.createdAt,
    createdBy: row.createdBy,
    ...(typeof row.meta.image === 'string' && row.meta.image !== '' ? { image: row.meta.image } : {}),
  };
}

export function toMember(row: MemberRow): Member {
  return {
    chatId: row.chatId,
    userId: row.userId,
    role: row.role,
    joinedAt: row.joinedAt,
    leftAt: row.leftAt,
    deliveredSeq: row.deliveredSeq,
    deliveredAt: row.deliveredAt,
    seenSeq: row.seenSeq,
    seenAt: row.seenAt,
  };
}
