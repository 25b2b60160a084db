import type { RestClient } from '@parley/sdk';
import type { AgentStatus, Department, LivechatAgent, LivechatView, SeedUser, User } from '@parley/protocol/wire';

/** The agent routes of `/v1/livechat` the console calls (docs/livechat.md); their shapes are the protocol's. */

const chat = (id: string) => `/v1/livechat/chats/${encodeURIComponent(id)}`;

export class AgentApi {
  constructor(readonly rest: RestClient) {}

  async me(): Promise<User> {
    return (await this.rest.request<{ user: User }>('/v1/me')).user;
  }

  async agents(): Promise<LivechatAgent[]> {
    return (await this.rest.request<{ agents: LivechatAgent[] }>('/v1/livechat/agents')).agents;
  }

  async departments(): Promise<Department[]> {
    return (await this.rest.request<{ departments: Department[] }>('/v1/livechat/departments')).departments;
  }

  async setStatus(status: AgentStatus): Promise<LivechatAgent> {
    return (await this.rest.request<{ agent: LivechatAgent }>('/v1/livechat/agents/me', { method: 'PUT', body: { status } })).agent;
  }

  async queue(): Promise<LivechatView[]> {
    return (await this.rest.request<{ chats: LivechatView[] }>('/v1/livechat/queue')).chats;
  }

  async view(chatId: string): Promise<LivechatView> {
    return (await this.rest.request<{ chat: LivechatView }>(chat(chatId))).chat;
  }

  async visitor(chatId: string): Promise<SeedUser> {
    return (await this.rest.request<{ user: SeedUser }>(`${chat(chatId)}/visitor`)).user;
  }

  join(chatId: string): Promise<unknown> {
    return this.rest.request(`${chat(chatId)}/join`, { method: 'POST', body: {} });
  }

  transfer(chatId: string, to: { agentId?: string; departmentId?: string }): Promise<unknown> {
    return this.rest.request(`${chat(chatId)}/transfer`, { method: 'POST', body: to });
  }

  invite(chatId: string, agentId: string): Promise<unknown> {
    return this.rest.request(`${chat(chatId)}/invite`, { method: 'POST', body: { agentId } });
  }

  end(chatId: string): Promise<unknown> {
    return this.rest.request(`${chat(chatId)}/end`, { method: 'POST' });
  }
}
