import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import { ParleyError } from '@parley/protocol';
import type {
  AgentRow,
  AgentSettings,
  AgentStatus,
  AssignResult,
  CannedRow,
  DepartmentRow,
  LivechatRow,
  LivechatStore,
  OfflineMessageRow,
  RoutingMode,
  TransferResult,
} from '../livechat-types.js';
import type { ChatRow, NewMember } from '../types.js';
import type { CannedResponsesTable, Database, LcAgentsTable, LcChatsTable, LcDepartmentsTable } from './db-types.js';
import { retryAborted } from './retry.js';
import { mapWriteErrors, type WriteExpectations } from './write-errors.js';
import { fromChatRow, fromNewMember, type BoolEncoder } from './row-mapping.js';

/** Rolls a routing transaction back with the outcome it reached. */
class Outcome<T extends string> extends Error {
  constructor(readonly result: T) {
    super(result);
  }
}

/** `store.livechat` on any Kysely dialect. */
export class KyselyLivechatStore implements LivechatStore {
  readonly #db: Kysely<Database>;
  readonly #bool: BoolEncoder;

  constructor(db: Kysely<Database>, bool: BoolEncoder) {
    this.#db = db;
    this.#bool = bool;
  }

  async createDepartment(row: DepartmentRow): Promise<DepartmentRow> {
    await this.#write({ unique: 'E_CONFLICT', references: [['tenants', row.tenantId]] }, () =>
      this.#db
        .insertInto('lc_departments')
        .values({ tenant_id: row.tenantId, id: row.id, name: row.name, routing: row.routing, created_at: row.createdAt })
        .execute(),
    );
    return row;
  }

  async getDepartment(tenantId: string, id: string): Promise<DepartmentRow | null> {
    const row = await this.#db.selectFrom('lc_departments').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
    return row === undefined ? null : toDepartment(row);
  }

  async listDepartments(tenantId: string): Promise<DepartmentRow[]> {
    const rows = await this.#db.selectFrom('lc_departments').selectAll().where('tenant_id', '=', tenantId).orderBy('created_at').orderBy('id').execute();
    return rows.map(toDepartment);
  }

  async updateDepartment(tenantId: string, id: string, patch: Partial<Pick<DepartmentRow, 'name' | 'routing'>>): Promise<void> {
    const set: Partial<LcDepartmentsTable> = {};
    if (patch.name !== undefined) set.name = patch.name;
    if (patch.routing !== undefined) set.routing = patch.routing;
    if (Object.keys(set).length === 0) return;
    await this.#db.updateTable('lc_departments').set(set).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
  }

  async getAgent(tenantId: string, userId: string): Promise<AgentRow | null> {
    const row = await this.#db.selectFrom('lc_agents').selectAll().where('tenant_id', '=', tenantId).where('user_id', '=', userId).executeTakeFirst();
    return row === undefined ? null : toAgent(row);
  }

  async listAgents(tenantId: string): Promise<AgentRow[]> {
    const rows = await this.#db.selectFrom('lc_agents').selectAll().where('tenant_id', '=', tenantId).orderBy('user_id').execute();
    return rows.map(toAgent);
  }

  async saveAgent(tenantId: string, userId: string, settings: AgentSettings): Promise<AgentRow> {
    const values = {
      status: settings.status,
      max_chats: settings.maxChats,
      departments: JSON.stringify(settings.departments),
      status_at: settings.statusAt,
    };
    await this.#write({ references: [['tenants', tenantId]] }, () =>
      this.#db
        .insertInto('lc_agents')
        .values({ tenant_id: tenantId, user_id: userId, active_chats: 0, last_assigned_at: null, ...values })
        .onConflict((oc) => oc.columns(['tenant_id', 'user_id']).doUpdateSet(values))
        .execute(),
    );
    const row = await this.getAgent(tenantId, userId);
    if (row === null) throw new ParleyError('E_INTERNAL', 'agent vanished after save');
    return row;
  }

  async createLivechat(chat: ChatRow, members: NewMember[], row: LivechatRow): Promise<LivechatRow> {
    // The write creates the chat itself: with its tenant there, a failed reference is another chat.
    await this.#write({ unique: 'E_CONFLICT', references: [['tenants', chat.tenantId], ['chats', chat.id]] }, () =>
      this.#db.transaction().execute(async (trx) => {
        await trx.insertInto('chats').values(fromChatRow(chat)).execute();
        if (members.length > 0) await trx.insertInto('members').values(members.map((m) => fromNewMember(m, this.#bool))).execute();
        await trx.insertInto('lc_chats').values(fromLivechat(row)).execute();
      }),
    );
    return row;
  }

  async getLivechat(chatId: string): Promise<LivechatRow | null> {
    const row = await this.#db.selectFrom('lc_chats').selectAll().where('chat_id', '=', chatId).executeTakeFirst();
    return row === undefined ? null : toLivechat(row);
  }

  async listQueue(tenantId: string, departmentId?: string | null): Promise<LivechatRow[]> {
    let q = this.#db
      .selectFrom('lc_chats as l')
      .innerJoin('chats as c', 'c.id', 'l.chat_id')
      .selectAll('l')
      .where('l.tenant_id', '=', tenantId)
      .where('c.state', '=', 'queued');
    if (departmentId === null) q = q.where('l.department_id', 'is', null);
    else if (departmentId !== undefined) q = q.where('l.department_id', '=', departmentId);
    const rows = await q.orderBy('l.queued_at').orderBy('l.chat_id').execute();
    return rows.map(toLivechat);
  }

  async listVisitorChats(tenantId: string, visitorId: string): Promise<LivechatRow[]> {
    const rows = await this.#db
      .selectFrom('lc_chats')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('visitor_id', '=', visitorId)
      .orderBy('created_at', 'desc')
      .orderBy('chat_id')
      .execute();
    return rows.map(toLivechat);
  }

  async listQueuedTenants(): Promise<string[]> {
    const rows = await this.#db
      .selectFrom('lc_chats as l')
      .innerJoin('chats as c', 'c.id', 'l.chat_id')
      .select('l.tenant_id')
      .distinct()
      .where('c.state', '=', 'queued')
      .execute();
    return rows.map((r) => r.tenant_id);
  }

  async listBusyAgents(): Promise<{ tenantId: string; userId: string }[]> {
    const rows = await this.#db.selectFrom('lc_agents').select(['tenant_id', 'user_id']).where('active_chats', '>', 0).execute();
    return rows.map((r) => ({ tenantId: r.tenant_id, userId: r.user_id }));
  }

  async listAgentChats(tenantId: string, agentId: string): Promise<LivechatRow[]> {
    const rows = await this.#db
      .selectFrom('lc_chats as l')
      .innerJoin('chats as c', 'c.id', 'l.chat_id')
      .selectAll('l')
      .where('l.tenant_id', '=', tenantId)
      .where('l.agent_id', '=', agentId)
      .where('c.state', '=', 'active')
      .orderBy('l.assigned_at')
      .execute();
    return rows.map(toLivechat);
  }

  assign(chatId: string, agentId: string, member: NewMember, opts: { at: number; statuses: readonly AgentStatus[] }): Promise<AssignResult> {
    return this.#routingTransaction<AssignResult>(async (trx) => {
      // 1. The agent's capacity, claimed first (agents before chats in every routing transaction).
      if (!(await claimCapacity(trx, member.tenantId, agentId, opts.statuses, opts.at))) throw new Outcome<AssignResult>('agent_unavailable');
      // 2. The chat: only one transaction can move it out of the queue.
      const moved = await trx.updateTable('chats').set({ state: 'active' }).where('id', '=', chatId).where('state', '=', 'queued').executeTakeFirst();
      if (moved.numUpdatedRows === 0n) throw new Outcome<AssignResult>('taken');
      await trx.updateTable('lc_chats').set({ agent_id: agentId, assigned_at: opts.at }).where('chat_id', '=', chatId).execute();
      await this.#join(trx, member);
      return 'assigned';
    });
  }

  transfer(chatId: string, fromAgentId: string, member: NewMember, at: number): Promise<TransferResult> {
    return this.#routingTransaction<TransferResult>(async (trx) => {
      if (!(await claimCapacity(trx, member.tenantId, member.userId, ['available', 'away'], at))) throw new Outcome<TransferResult>('agent_unavailable');
      const moved = await trx
        .updateTable('lc_chats')
        .set({ agent_id: member.userId, assigned_at: at })
        .where('chat_id', '=', chatId)
        .where('agent_id', '=', fromAgentId)
        .where('ended_at', 'is', null)
        .executeTakeFirst();
      if (moved.numUpdatedRows === 0n) throw new Outcome<TransferResult>('not_assigned');
      const active = await trx.selectFrom('chats').select('state').where('id', '=', chatId).executeTakeFirst();
      if (active?.state !== 'active') throw new Outcome<TransferResult>('not_assigned');
      await releaseCapacity(trx, member.tenantId, fromAgentId);
      await trx.updateTable('members').set({ left_at: at }).where('chat_id', '=', chatId).where('user_id', '=', fromAgentId).where('left_at', 'is', null).execute();
      await this.#join(trx, member);
      return 'transferred';
    });
  }

  async requeue(chatId: string, agentId: string, at: number, departmentId?: string | null): Promise<boolean> {
    const result = await this.#routingTransaction<'requeued' | 'no'>(async (trx) => {
      const row = await trx.selectFrom('lc_chats').select(['tenant_id']).where('chat_id', '=', chatId).where('agent_id', '=', agentId).executeTakeFirst();
      if (row === undefined) throw new Outcome<'no'>('no');
      // Agents before chats: the agent's row is locked by the load going down.
      await releaseCapacity(trx, row.tenant_id, agentId);
      const moved = await trx.updateTable('chats').set({ state: 'queued' }).where('id', '=', chatId).where('state', '=', 'active').executeTakeFirst();
      if (moved.numUpdatedRows === 0n) throw new Outcome<'no'>('no');
      await trx
        .updateTable('lc_chats')
        .set({ agent_id: null, assigned_at: null, queued_at: at, ...(departmentId === undefined ? {} : { department_id: departmentId }) })
        .where('chat_id', '=', chatId)
        .execute();
      await trx.updateTable('members').set({ left_at: at }).where('chat_id', '=', chatId).where('user_id', '=', agentId).where('left_at', 'is', null).execute();
      return 'requeued';
    });
    return result === 'requeued';
  }

  async handover(chatId: string, at: number, departmentId?: string | null): Promise<boolean> {
    const result = await this.#routingTransaction<'queued' | 'no'>(async (trx) => {
      const moved = await trx.updateTable('chats').set({ state: 'queued' }).where('id', '=', chatId).where('state', '=', 'bot').executeTakeFirst();
      if (moved.numUpdatedRows === 0n) throw new Outcome<'no'>('no');
      await trx
        .updateTable('lc_chats')
        .set({ queued_at: at, ...(departmentId === undefined ? {} : { department_id: departmentId }) })
        .where('chat_id', '=', chatId)
        .execute();
      return 'queued';
    });
    return result === 'queued';
  }

  async finish(chatId: string, at: number): Promise<LivechatRow | null> {
    const result = await this.#routingTransaction<'finished' | 'no'>(async (trx) => {
      const row = await trx.selectFrom('lc_chats').select(['tenant_id', 'agent_id']).where('chat_id', '=', chatId).where('ended_at', 'is', null).executeTakeFirst();
      if (row === undefined) throw new Outcome<'no'>('no');
      if (row.agent_id !== null) await releaseCapacity(trx, row.tenant_id, row.agent_id);
      const done = await trx.updateTable('lc_chats').set({ ended_at: at }).where('chat_id', '=', chatId).where('ended_at', 'is', null).executeTakeFirst();
      if (done.numUpdatedRows === 0n) throw new Outcome<'no'>('no');
      return 'finished';
    });
    return result === 'finished' ? this.getLivechat(chatId) : null;
  }

  async advanceApiCursor(chatId: string, seq: number): Promise<void> {
    await this.#db.updateTable('lc_chats').set({ api_cursor: seq }).where('chat_id', '=', chatId).where('api_cursor', '<', seq).execute();
  }

  async saveTranscript(chatId: string, at: number, json: string): Promise<boolean> {
    const saved = await this.#db
      .updateTable('lc_chats')
      .set({ transcript: json, transcript_saved_at: at })
      .where('chat_id', '=', chatId)
      .where('transcript_saved_at', 'is', null)
      .executeTakeFirst();
    return saved.numUpdatedRows > 0n;
  }

  async getTranscript(chatId: string): Promise<{ savedAt: number; json: string } | null> {
    const row = await this.#db.selectFrom('lc_chats').select(['transcript', 'transcript_saved_at']).where('chat_id', '=', chatId).executeTakeFirst();
    if (row === undefined || row.transcript === null || row.transcript_saved_at === null) return null;
    return { savedAt: Number(row.transcript_saved_at), json: row.transcript };
  }

  async createOfflineMessage(row: OfflineMessageRow): Promise<OfflineMessageRow> {
    await this.#write({ unique: 'E_CONFLICT', references: [['tenants', row.tenantId]] }, () =>
      this.#db
      .insertInto('lc_offline_messages')
      .values({
        id: row.id,
        tenant_id: row.tenantId,
        department_id: row.departmentId,
        visitor_id: row.visitorId,
        name: row.name,
        email: row.email,
        text: row.text,
        created_at: row.createdAt,
      })
      .execute(),
    );
    return row;
  }

  async listOfflineMessages(tenantId: string, query: { limit: number; before?: number }): Promise<OfflineMessageRow[]> {
    let q = this.#db.selectFrom('lc_offline_messages').selectAll().where('tenant_id', '=', tenantId);
    if (query.before !== undefined) q = q.where('created_at', '<', query.before);
    const rows = await q.orderBy('created_at', 'desc').orderBy('id').limit(query.limit).execute();
    return rows.map((r) => ({
      id: r.id,
      tenantId: r.tenant_id,
      departmentId: r.department_id,
      visitorId: r.visitor_id,
      name: r.name,
      email: r.email,
      text: r.text,
      createdAt: Number(r.created_at),
    }));
  }

  async getEntryBot(tenantId: string): Promise<string | null> {
    const row = await this.#db.selectFrom('lc_settings').select('entry_bot_id').where('tenant_id', '=', tenantId).executeTakeFirst();
    return row?.entry_bot_id ?? null;
  }

  async setEntryBot(tenantId: string, userId: string | null): Promise<void> {
    await this.#write({ references: [['tenants', tenantId]] }, () =>
      this.#db
        .insertInto('lc_settings')
        .values({ tenant_id: tenantId, entry_bot_id: userId, widget: null })
        .onConflict((oc) => oc.column('tenant_id').doUpdateSet({ entry_bot_id: userId }))
        .execute(),
    );
  }

  async getWidget(tenantId: string): Promise<string | null> {
    const row = await this.#db.selectFrom('lc_settings').select('widget').where('tenant_id', '=', tenantId).executeTakeFirst();
    return row?.widget ?? null;
  }

  async setWidget(tenantId: string, json: string): Promise<void> {
    await this.#write({ references: [['tenants', tenantId]] }, () =>
      this.#db
        .insertInto('lc_settings')
        .values({ tenant_id: tenantId, entry_bot_id: null, widget: json })
        .onConflict((oc) => oc.column('tenant_id').doUpdateSet({ widget: json }))
        .execute(),
    );
  }

  async createCanned(row: CannedRow): Promise<CannedRow> {
    await this.#write({ unique: 'E_CONFLICT', references: [['tenants', row.tenantId]] }, () => this.#db.insertInto('canned_responses').values(fromCanned(row)).execute());
    return row;
  }

  async getCanned(tenantId: string, id: string): Promise<CannedRow | null> {
    const row = await this.#db.selectFrom('canned_responses').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
    return row === undefined ? null : toCanned(row);
  }

  async listCanned(tenantId: string, ownerId: string | null): Promise<CannedRow[]> {
    const rows = await this.#db
      .selectFrom('canned_responses')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where((eb) => (ownerId === null ? eb('owner_id', 'is', null) : eb.or([eb('owner_id', 'is', null), eb('owner_id', '=', ownerId)])))
      .orderBy('shortcut')
      .orderBy('id')
      .execute();
    return rows.map(toCanned);
  }

  async countCanned(tenantId: string, ownerId: string | null): Promise<number> {
    const row = await this.#db
      .selectFrom('canned_responses')
      .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
      .where('tenant_id', '=', tenantId)
      .where('owner_id', ownerId === null ? 'is' : '=', ownerId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async updateCanned(row: CannedRow): Promise<boolean> {
    const { id, tenant_id, created_at: _created, ...fields } = fromCanned(row);
    const result = await this.#write({ unique: 'E_CONFLICT', references: [['tenants', row.tenantId]] }, () =>
      this.#db.updateTable('canned_responses').set(fields).where('tenant_id', '=', tenant_id).where('id', '=', id).executeTakeFirst(),
    );
    return Number(result.numUpdatedRows) > 0;
  }

  async deleteCanned(tenantId: string, id: string): Promise<boolean> {
    const result = await this.#db.deleteFrom('canned_responses').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** Adds the member, or brings back one who left (as `Store.addMember`), inside the transaction. */
  async #join(trx: Transaction<Database>, member: NewMember): Promise<void> {
    await trx
      .insertInto('members')
      .values(fromNewMember(member, this.#bool))
      .onConflict((oc) =>
        oc.columns(['chat_id', 'user_id']).doUpdateSet({ left_at: null, role: member.role, joined_at: member.joinedAt }).where('members.left_at', 'is not', null),
      )
      .execute();
  }

  /** Runs a routing transaction; an `Outcome` thrown inside rolls it back and is its answer. */
  async #routingTransaction<T extends string>(work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    try {
      return await retryAborted(() => this.#db.transaction().execute(work));
    } catch (err) {
      if (err instanceof Outcome) return err.result as T;
      throw err;
    }
  }

  #write<T>(expect: WriteExpectations, write: () => Promise<T>): Promise<T> {
    return mapWriteErrors(this.#db, expect, write);
  }
}

/** Load +1 if the agent is in one of `statuses` and below capacity: a conditional update, so it is atomic. */
async function claimCapacity(trx: Transaction<Database>, tenantId: string, agentId: string, statuses: readonly AgentStatus[], at: number): Promise<boolean> {
  if (statuses.length === 0) return false;
  const claimed = await trx
    .updateTable('lc_agents')
    .set((eb) => ({ active_chats: eb('active_chats', '+', 1), last_assigned_at: at }))
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', agentId)
    .where('status', 'in', [...statuses])
    .where((eb) => eb('active_chats', '<', eb.ref('max_chats')))
    .executeTakeFirst();
  return claimed.numUpdatedRows > 0n;
}

async function releaseCapacity(trx: Transaction<Database>, tenantId: string, agentId: string): Promise<void> {
  await trx
    .updateTable('lc_agents')
    .set((eb) => ({ active_chats: eb('active_chats', '-', 1) }))
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', agentId)
    .where('active_chats', '>', 0)
    .execute();
}

const num = (v: number | string | null): number | null => (v === null ? null : Number(v));

function toDepartment(r: Selectable<LcDepartmentsTable>): DepartmentRow {
  return { id: r.id, tenantId: r.tenant_id, name: r.name, routing: r.routing as RoutingMode, createdAt: Number(r.created_at) };
}

function toAgent(r: Selectable<LcAgentsTable>): AgentRow {
  return {
    tenantId: r.tenant_id,
    userId: r.user_id,
    status: r.status as AgentStatus,
    maxChats: Number(r.max_chats),
    activeChats: Number(r.active_chats),
    departments: JSON.parse(r.departments) as string[],
    statusAt: Number(r.status_at),
    lastAssignedAt: num(r.last_assigned_at),
  };
}

function fromLivechat(r: LivechatRow): LcChatsTable {
  return {
    chat_id: r.chatId,
    tenant_id: r.tenantId,
    visitor_id: r.visitorId,
    department_id: r.departmentId,
    agent_id: r.agentId,
    subject: r.subject,
    queued_at: r.queuedAt,
    assigned_at: r.assignedAt,
    ended_at: r.endedAt,
    secure_key_hash: r.secureKeyHash,
    api_cursor: r.apiCursor,
    transcript_saved_at: r.transcriptSavedAt,
    transcript: null,
    created_at: r.createdAt,
  };
}

function toLivechat(r: Selectable<LcChatsTable>): LivechatRow {
  return {
    chatId: r.chat_id,
    tenantId: r.tenant_id,
    visitorId: r.visitor_id,
    departmentId: r.department_id,
    agentId: r.agent_id,
    subject: r.subject,
    queuedAt: num(r.queued_at),
    assignedAt: num(r.assigned_at),
    endedAt: num(r.ended_at),
    secureKeyHash: r.secure_key_hash,
    apiCursor: Number(r.api_cursor),
    transcriptSavedAt: num(r.transcript_saved_at),
    createdAt: Number(r.created_at),
  };
}

/** The set a shortcut is unique in (the unique index of 0080). */
function bucketOf(row: Pick<CannedRow, 'scope' | 'ownerId' | 'departmentId'>): string {
  return row.scope === 'personal' ? `personal:${row.ownerId ?? ''}` : row.scope === 'department' ? `department:${row.departmentId ?? ''}` : 'team';
}

function fromCanned(row: CannedRow): Insertable<CannedResponsesTable> {
  return {
    id: row.id,
    tenant_id: row.tenantId,
    scope: row.scope,
    owner_id: row.ownerId,
    department_id: row.departmentId,
    bucket: bucketOf(row),
    shortcut: row.shortcut,
    text: row.text,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
  };
}

function toCanned(r: Selectable<CannedResponsesTable>): CannedRow {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    scope: r.scope as CannedRow['scope'],
    ownerId: r.owner_id,
    departmentId: r.department_id,
    shortcut: r.shortcut,
    text: r.text,
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}
