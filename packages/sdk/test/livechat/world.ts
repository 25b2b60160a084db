import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { format } from 'node:util';
import type { TestServer, TestUser } from '../../../server/test/helpers/server.js';
import { call, openChat, startLivechatServer, visitorSession, type Visitor } from '../../../server/test/livechat/helpers.js';
import { ParleyClient, type Message } from '../../src/index.js';
import { waitUntil } from '../helpers/sdk.js';

/** A real server, two agents, and a visitor with a live chat and a connected native client. */
export interface LivechatWorld {
  t: TestServer;
  agent: TestUser;
  agent2: TestUser;
  visitor: Visitor & { nickname: string; client: ParleyClient; received: Message[] };
  chatId: string;
  close(): Promise<void>;
}

export async function livechatWorld(): Promise<LivechatWorld> {
  const t = await startLivechatServer();
  const agent = await t.createUser('agent', 'Gabriele Verde');
  const agent2 = await t.createUser('agent', 'Anna Bianchi');
  const nickname = 'Mario Rossi';
  const session = await visitorSession(t, nickname);
  const opened = await openChat(t, session, { subject: 'Info' });
  const client = new ParleyClient({ url: t.url, token: session.token, requestTimeoutMs: 5_000 });
  const received: Message[] = [];
  client.on('message', (m) => received.push(m));
  await client.connect();
  return {
    t,
    agent,
    agent2,
    visitor: { ...session, nickname, client, received },
    chatId: opened.chat.id,
    async close() {
      client.disconnect();
      await t.close();
    },
  };
}

/** The visitor uploads a file and sends it as a media message; resolves with the committed message. */
export async function visitorSendsFile(w: LivechatWorld, type: 'IMAGE' | 'DOCUMENT', bytes: Uint8Array, fileName: string, caption: string): Promise<Message> {
  const form = new FormData();
  form.append('file', new Blob([bytes as Uint8Array<ArrayBuffer>]), fileName);
  const { media } = await w.visitor.client.rest.upload<{ media: { id: string } }>('/v1/media', form, { messageType: type });
  return w.visitor.client.send({ chatId: w.chatId, messageType: type, content: { mediaId: media.id, caption, fileName } });
}

/** HTTP as the visitor or an agent. */
export function as(w: LivechatWorld, token: string, method: string, path: string, body?: unknown) {
  return call(w.t, method, path, { token, ...(body === undefined ? {} : { body }) });
}

/** A console whose `log` lines are captured (formatted as Node's console would). */
export function capturedConsole(): { console: { log: (...args: unknown[]) => void }; lines: string[] } {
  const lines: string[] = [];
  return { console: { log: (...args: unknown[]) => lines.push(format(...args)) }, lines };
}

/** Reads the captured log block by block, in order: each block must follow the previous one exactly. */
export class LogReader {
  #cursor = 0;
  constructor(readonly lines: string[]) {}

  async next(block: string[], what: string): Promise<void> {
    const end = this.#cursor + block.length;
    await waitUntil(() => this.lines.length >= end, `${what}: ${block[0]}`, 8_000).catch((error: Error) => {
      throw new Error(`${error.message}\nlog so far:\n${this.lines.slice(this.#cursor).join('\n')}`);
    });
    const got = this.lines.slice(this.#cursor, end);
    this.#cursor = end;
    if (JSON.stringify(got) !== JSON.stringify(block)) {
      throw new Error(`${what}: expected\n${block.join('\n')}\ngot\n${got.join('\n')}`);
    }
  }

  get rest(): string[] {
    return this.lines.slice(this.#cursor);
  }
}

/** Seed 002's example as written (`seed-002-example.txt`), its chat id literal replaced by `chatId`. */
export async function seed002Example(chatId: string): Promise<string> {
  const example = await readFile(new URL('./seed-002-example.txt', import.meta.url), 'utf8');
  const seedChatId = '"CHAT_eaa2e7c0-9c26-40db-b720-d777ab68078d"';
  assert.ok(example.includes(seedChatId), 'the seed example names its chat');
  return example.replace(seedChatId, JSON.stringify(chatId));
}
