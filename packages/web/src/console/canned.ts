import type { RestClient } from '@parley/sdk';
import type { CannedResponse } from '@parley/protocol';
import { messageOf } from '../shared/chat-session.js';
import { Observable } from '../shared/observable.js';

/**
 * Canned responses from the server (`/v1/canned-responses`, docs/livechat.md#canned-responses): the
 * agent's own, the team's and their departments'. One list per signed-in client, shared by the picker
 * and the composer's `/shortcut` expansion.
 */

export interface CannedState {
  list: CannedResponse[];
  loaded: boolean;
  error: string;
}

/** What the variables of a response stand for in the chat it goes to. */
export interface CannedVars {
  visitor: string;
  agent: string;
}

const VARIABLE = /\{\{\s*(visitor|agent)\.name\s*\}\}/g;

/** The text with `{{visitor.name}}` and `{{agent.name}}` filled in (an unknown name is left empty). */
export function fillVariables(text: string, vars: CannedVars): string {
  return text.replace(VARIABLE, (_, who: 'visitor' | 'agent') => vars[who]);
}

/**
 * The response a shortcut names: the agent's own first, then a department's, then the team's (a
 * personal `/hi` shadows the team's `/hi`).
 */
export function findShortcut(list: readonly CannedResponse[], shortcut: string): CannedResponse | undefined {
  const named = list.filter((c) => c.shortcut === shortcut.toLowerCase());
  const rank = { personal: 0, department: 1, team: 2 } as const;
  return named.sort((a, b) => rank[a.scope] - rank[b.scope])[0];
}

export class CannedList {
  readonly state = new Observable<CannedState>({ list: [], loaded: false, error: '' });
  #loading: Promise<void> | null = null;

  constructor(private readonly rest: RestClient) {}

  /** Reads the list once (again after `reload`). */
  load(): Promise<void> {
    this.#loading ??= this.rest
      .request<{ cannedResponses: CannedResponse[] }>('/v1/canned-responses')
      .then((r) => this.state.set({ list: r.cannedResponses, loaded: true, error: '' }))
      .catch((error: unknown) => {
        this.#loading = null;
        this.state.set({ loaded: true, error: messageOf(error) });
      });
    return this.#loading;
  }

  reload(): Promise<void> {
    this.#loading = null;
    return this.load();
  }

  /** Adds a personal response; the server's refusal (a taken shortcut, say) is the error shown. */
  async add(shortcut: string, text: string): Promise<void> {
    try {
      const { cannedResponse } = await this.rest.request<{ cannedResponse: CannedResponse }>('/v1/canned-responses', {
        method: 'POST',
        body: { shortcut, text, scope: 'personal' },
      });
      this.state.set({ list: [...this.state.value.list, cannedResponse].sort((a, b) => a.shortcut.localeCompare(b.shortcut)), error: '' });
    } catch (error) {
      this.state.set({ error: messageOf(error) });
      throw error;
    }
  }

  async remove(id: string): Promise<void> {
    try {
      await this.rest.request(`/v1/canned-responses/${encodeURIComponent(id)}`, { method: 'DELETE' });
      this.state.set({ list: this.state.value.list.filter((c) => c.id !== id), error: '' });
    } catch (error) {
      this.state.set({ error: messageOf(error) });
    }
  }

  /** The filled-in text of `/shortcut`, or null when no response has that shortcut. */
  expand(shortcut: string, vars: CannedVars): string | null {
    const found = findShortcut(this.state.value.list, shortcut);
    return found ? fillVariables(found.text, vars) : null;
  }
}

const lists = new WeakMap<RestClient, CannedList>();

/** The signed-in client's list (a new sign-in has a new client, so a new list). */
export function cannedFor(rest: RestClient): CannedList {
  let list = lists.get(rest);
  if (!list) lists.set(rest, (list = new CannedList(rest)));
  return list;
}
