import type { Role } from './roles.js';

/**
 * What the server asks before acting, named after the checks the code makes. Each row lists the roles
 * that may; everything else is refused. Changing a row changes who may do what, so the unit test
 * compares this table with a hand-written copy.
 */
export const POLICY = {
  /** Tenant administration: webhooks, departments, users, keys, accounts, reading its tenant. */
  manageTenant: ['operator', 'owner', 'admin'],
  /** Making, changing or deactivating an owner's account (admins manage everyone else). */
  manageOwners: ['operator', 'owner'],
  /** Installation-wide acts: creating tenants, changing plans, reading another tenant. */
  operateInstallation: ['operator'],
  /** Reading and acting in any chat of the tenant without being a member. */
  accessAnyChat: ['operator', 'owner', 'admin', 'supervisor'],
  /** Supplying channel message ids and acting for integrations (trusted senders). */
  sendAsIntegration: ['operator', 'owner', 'admin', 'bot'],
  /**
   * Acts that belong to a person: typing, receipts, recent chats, hiding chats. (`admin` is here for
   * admins' accounts; an admin key holds the role but is no person: `requireUser` refuses it.)
   */
  actAsUser: ['owner', 'admin', 'supervisor', 'agent', 'bot', 'customer', 'member'],
  /** Live-chat staff work: listing agents, inviting, transferring, the CTLive compat routes. */
  routeLivechat: ['operator', 'owner', 'admin', 'supervisor', 'agent'],
  /** An agent's own desk: status, taking chats from the queue (staff of every rank take chats). */
  workAsAgent: ['owner', 'admin', 'supervisor', 'agent'],
  /** Handing a bot's chat over to a human queue. */
  handOverLivechat: ['operator', 'owner', 'admin', 'bot'],
  /** A visitor's own live chats: starting, reading, rating. */
  visitLivechat: ['customer'],
  /** Sends that the visitor send-limit does not count (everyone but visitors). */
  sendUnmetered: ['operator', 'owner', 'admin', 'supervisor', 'agent', 'bot', 'member'],
} as const satisfies Record<string, readonly Role[]>;

export type Capability = keyof typeof POLICY;
export const CAPABILITIES = Object.keys(POLICY) as Capability[];

/** The message a refusal carries when the caller gives none; these are the texts clients already see. */
export const REFUSAL: Record<Capability, string> = {
  manageTenant: 'An admin API key or an admin account is required',
  manageOwners: 'Only an owner does this',
  operateInstallation: 'Only an admin key of the DEFAULT tenant (the operator) creates tenants and changes plans',
  accessAnyChat: 'An admin API key is required',
  sendAsIntegration: 'Only bots and admin keys do this',
  actAsUser: 'A user token is required',
  routeLivechat: 'Agents and admins only',
  workAsAgent: 'Only agents do this',
  handOverLivechat: 'Only the chat’s bot or an admin hands it over',
  visitLivechat: 'A visitor session is required',
  sendUnmetered: 'Visitors are send-limited',
};
