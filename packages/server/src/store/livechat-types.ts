import type { ChatRow, NewMember } from './types.js';

/** How a department hands out its queued chats: to an agent chosen by Parley, or picked by agents. */
export type RoutingMode = 'auto' | 'manual';

/** An agent's availability: `available` takes new chats, `away` keeps theirs, `offline` hands them back. */
export type AgentStatus = 'available' | 'away' | 'offline';

/** A queue of a tenant (a department). */
export interface DepartmentRow {
  id: string;
  tenantId: string;
  name: string;
  routing: RoutingMode;
  createdAt: number;
}

/** An agent's routing record: status, capacity and the load Parley counts for them. */
export interface AgentRow {
  tenantId: string;
  userId: string;
  status: AgentStatus;
  /** Live chats assigned at once, at most. */
  maxChats: number;
  /** Live chats assigned now; kept by the store in the transactions that assign and release chats. */
  activeChats: number;
  /** Departments served; empty serves every department (and chats without one). */
  departments: string[];
  statusAt: number;
  /** When the agent last got a chat (ties of least busy go to the longest idle); null when never. */
  lastAssignedAt: number | null;
}

/** What an agent sets about themselves; the counters stay the store's. */
export type AgentSettings = Pick<AgentRow, 'status' | 'maxChats' | 'departments' | 'statusAt'>;

/** The routing side of a live chat opened by a visitor; its state is the chat row's (`chats.state`). */
export interface LivechatRow {
  chatId: string;
  tenantId: string;
  /** The customer user who opened it. */
  visitorId: string;
  /** Null: the tenant's general queue. */
  departmentId: string | null;
  /** The agent it is assigned to, while `active`. */
  agentId: string | null;
  subject: string;
  /** When it last entered the queue (waiting time starts here); null while with a bot. */
  queuedAt: number | null;
  assignedAt: number | null;
  endedAt: number | null;
  /** sha-256 hex of the customer chat API's secure key; null for chats of a visitor session. */
  secureKeyHash: string | null;
  /** The customer chat API client's cursor: the highest index (seq) it has been given. */
  apiCursor: number;
  transcriptSavedAt: number | null;
  createdAt: number;
}

/** A message left through the offline form while nobody was available. */
export interface OfflineMessageRow {
  id: string;
  tenantId: string;
  departmentId: string | null;
  visitorId: string | null;
  name: string;
  email: string;
  text: string;
  createdAt: number;
}

/** Outcome of a routing write: only one caller can win a queued chat. */
export type AssignResult = 'assigned' | 'taken' | 'agent_unavailable';
export type TransferResult = 'transferred' | 'not_assigned' | 'agent_unavailable';

/** The live-chat part of the store (`store.livechat`). */
export interface LivechatStore {
  /** E_CONFLICT when the id is taken. */
  createDepartment(row: DepartmentRow): Promise<DepartmentRow>;
  getDepartment(tenantId: string, id: string): Promise<DepartmentRow | null>;
  listDepartments(tenantId: string): Promise<DepartmentRow[]>;
  updateDepartment(tenantId: string, id: string, patch: Partial<Pick<DepartmentRow, 'name' | 'routing'>>): Promise<void>;

  getAgent(tenantId: string, userId: string): Promise<AgentRow | null>;
  listAgents(tenantId: string): Promise<AgentRow[]>;
  /** Creates the agent's record or changes its settings; `activeChats` and `lastAssignedAt` stay. */
  saveAgent(tenantId: string, userId: string, settings: AgentSettings): Promise<AgentRow>;

  /** The chat, its members and its routing row, in one transaction (E_CONFLICT for a taken id). */
  createLivechat(chat: ChatRow, members: NewMember[], row: LivechatRow): Promise<LivechatRow>;
  getLivechat(chatId: string): Promise<LivechatRow | null>;
  /** Queued chats (`chats.state = 'queued'`), first queued first; `departmentId` undefined lists every queue. */
  listQueue(tenantId: string, departmentId?: string | null): Promise<LivechatRow[]>;
  /** The visitor's live chats, newest first. */
  listVisitorChats(tenantId: string, visitorId: string): Promise<LivechatRow[]>;
  /** Tenants with chats waiting in a queue (for the periodic routing pass). */
  listQueuedTenants(): Promise<string[]>;
  /** Agents with chats assigned now, across tenants (for the absent-agent sweep). */
  listBusyAgents(): Promise<{ tenantId: string; userId: string }[]>;
  /** Chats assigned to the agent now (`active`). */
  listAgentChats(tenantId: string, agentId: string): Promise<LivechatRow[]>;

  /**
   * Gives a queued chat to an agent, in one transaction, or changes nothing: the agent's load goes up
   * only while they are in `statuses` and below `maxChats` (else `agent_unavailable`); the chat moves
   * `queued → active` only if it is still queued (else `taken`: someone else won it); the agent
   * becomes a member. Of any number of concurrent callers, on any node, one wins a chat.
   */
  assign(chatId: string, agentId: string, member: NewMember, opts: { at: number; statuses: readonly AgentStatus[] }): Promise<AssignResult>;
  /**
   * Moves an active chat from one agent to another (not `offline`, below capacity), in one
   * transaction: loads move, the old agent leaves, the new one joins.
   */
  transfer(chatId: string, fromAgentId: string, member: NewMember, at: number): Promise<TransferResult>;
  /**
   * Puts an active chat of `agentId` back in a queue (`active → queued`, the agent leaves, their load
   * goes down). `departmentId` undefined keeps the chat's department. False when the chat was not
   * theirs any more.
   */
  requeue(chatId: string, agentId: string, at: number, departmentId?: string | null): Promise<boolean>;
  /** A chat with the bot enters the queue (`bot → queued`); false when it was not with the bot. */
  handover(chatId: string, at: number, departmentId?: string | null): Promise<boolean>;
  /**
   * Records the end once: `endedAt` set, the assigned agent's load down. The row when this call
   * recorded it, null when it was recorded before (or there is no such live chat).
   */
  finish(chatId: string, at: number): Promise<LivechatRow | null>;
  /** Moves the customer chat API cursor up (never down). */
  advanceApiCursor(chatId: string, seq: number): Promise<void>;
  /** Keeps the transcript (seed 001 JSON) of an ended chat; the first save stands. */
  saveTranscript(chatId: string, at: number, json: string): Promise<boolean>;
  getTranscript(chatId: string): Promise<{ savedAt: number; json: string } | null>;

  createOfflineMessage(row: OfflineMessageRow): Promise<OfflineMessageRow>;
  /** Newest first; `before` pages by creation time. */
  listOfflineMessages(tenantId: string, query: { limit: number; before?: number }): Promise<OfflineMessageRow[]>;

  /** The bot a new live chat goes to first (`bot` state), or null. */
  getEntryBot(tenantId: string): Promise<string | null>;
  setEntryBot(tenantId: string, userId: string | null): Promise<void>;

  /** The widget's settings as an admin saved them (a JSON document the domain validated), or null. */
  getWidget(tenantId: string): Promise<string | null>;
  setWidget(tenantId: string, json: string): Promise<void>;

  /** Canned responses: E_CONFLICT when the shortcut is taken in its set (the owner's, the team's, the department's). */
  createCanned(row: CannedRow): Promise<CannedRow>;
  getCanned(tenantId: string, id: string): Promise<CannedRow | null>;
  /** The tenant's shared responses and `ownerId`'s personal ones (none when null), by shortcut. */
  listCanned(tenantId: string, ownerId: string | null): Promise<CannedRow[]>;
  /** How many personal responses the owner has, or shared ones the tenant has (`ownerId` null). */
  countCanned(tenantId: string, ownerId: string | null): Promise<number>;
  /** Replaces the row's fields (same id and tenant); false when there is no such row. E_CONFLICT as create. */
  updateCanned(row: CannedRow): Promise<boolean>;
  deleteCanned(tenantId: string, id: string): Promise<boolean>;
}

/** A canned response: personal (`ownerId`), team-wide, or for one department (`departmentId`). */
export interface CannedRow {
  id: string;
  tenantId: string;
  scope: 'personal' | 'team' | 'department';
  ownerId: string | null;
  departmentId: string | null;
  shortcut: string;
  text: string;
  createdAt: number;
  updatedAt: number;
}
