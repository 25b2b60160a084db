// Suite 7: snapshot + events = fresh snapshot (Zulip's verify_action). For every action that emits
// events: a member fetches the chat (chat, members with watermarks, history), applies the events
// its socket got during the action, and must hold exactly what a fresh fetch returns.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TestServer, TestUser } from '../helpers/server.js';
import { RawClient } from '../helpers/ws-client.js';
import { startLoadServer } from './support/server.js';

interface Snapshot {
  chat: { title: string; state: string; lastSeq: number };
  members: Record<string, { role: string; deliveredSeq: number; seenSeq: number }>;
  history: Record<number, { id: string; messageType: string; deleted: boolean; text: unknown }>;
}

type Row = Record<string, unknown>;

function memberOf(m: Row): Snapshot['members'][string] {
  return { role: String(m.role), deliveredSeq: Number(m.deliveredSeq ?? 0), seenSeq: Number(m.seenSeq ?? 0) };
}

function messageOf(m: Row): Snapshot['history'][number] {
  return { id: String(m.id), messageType: String(m.messageType), deleted: Boolean(m.deleted), text: (m.content as Row | undefined)?.text };
}

/** Applies one event to a snapshot, as a client would. */
function apply(s: Snapshot, event: string, data: Row): void {
  switch (event) {
    case 'message': {
      s.history[Number(data.seq)] = messageOf(data);
      s.chat.lastSeq = Math.max(s.chat.lastSeq, Number(data.seq));
      // The protocol's rule: sending moves the sender's own watermarks to the message (no receipt event).
      const sender = s.members[String(data.senderId)];
      if (sender) {
        sender.deliveredSeq = Math.max(sender.deliveredSeq, Number(data.seq));
        sender.seenSeq = Math.max(sender.seenSeq, Number(data.seq));
      }
      return;
    }
    case 'message.updated':
      s.history[Number(data.seq)] = messageOf(data);
      return;
    case 'member.updated': {
      const member = data.member as Row;
      s.members[String(member.userId)] = memberOf(member);
      return;
    }
    case 'receipt': {
      const m = s.members[String(data.userId)];
      if (m) m[data.kind === 'seen' ? 'seenSeq' : 'deliveredSeq'] = Math.max(m[data.kind === 'seen' ? 'seenSeq' : 'deliveredSeq'], Number(data.seq));
      return;
    }
    case 'member.joined': {
      const member = data.member as Row;
      s.members[String(member.userId)] = memberOf(member);
      const chat = data.chat as Row;
      s.chat = { title: String(chat.title), state: String(chat.state), lastSeq: Math.max(s.chat.lastSeq, Number(chat.lastSeq)) };
      return;
    }
    case 'member.left':
      delete s.members[String(data.userId)];
      return;
    case 'chat.updated':
      s.chat = { title: String(data.title), state: String(data.state), lastSeq: Math.max(s.chat.lastSeq, Number(data.lastSeq)) };
      return;
    default:
      return;
  }
}

describe('snapshot + events = fresh snapshot', () => {
  let t: TestServer;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;
  let chatId: string;
  let observer: RawClient;
  let actor: RawClient;
  before(async () => {
    t = await startLoadServer();
    alice = await t.createUser('agent', 'Alice');
    bob = await t.createUser('member', 'Bob');
    carol = await t.createUser('member', 'Carol');
    const created = await fetch(`${t.url}/v1/groups`, {
      method: 'POST',
      headers: { authorization: `Bearer ${alice.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Team', memberIds: [bob.id] }),
    });
    chatId = ((await created.json()) as { group: { id: string } }).group.id;
    observer = await RawClient.connect(t.wsUrl, bob.token);
    await observer.request('resume', { cursors: {} });
    actor = await RawClient.connect(t.wsUrl, alice.token);
    await actor.request('resume', { cursors: {} });
  });
  after(async () => {
    observer.close();
    actor.close();
    await t.close();
  });

  async function snapshot(): Promise<Snapshot> {
    const get = async (path: string): Promise<Row> => (await (await fetch(`${t.url}${path}`, { headers: { authorization: `Bearer ${bob.token}` } })).json()) as Row;
    const chat = (await get(`/v1/chats/${chatId}`)).chat as Row;
    const members = ((await get(`/v1/chats/${chatId}/members`)).members as Row[]).filter((m) => m.leftAt === null || m.leftAt === undefined);
    const history = (await get(`/v1/chats/${chatId}/messages?position=down&fromSeq=0&limit=100`)).messages as Row[];
    return {
      chat: { title: String(chat.title), state: String(chat.state), lastSeq: Number(chat.lastSeq) },
      members: Object.fromEntries(members.map((m) => [String(m.userId), memberOf(m)])),
      history: Object.fromEntries(history.map((m) => [Number(m.seq), messageOf(m)])),
    };
  }

  /** Waits until the observer's socket has been quiet for a moment. */
  async function quiet(): Promise<void> {
    let last = -1;
    for (let i = 0; i < 100 && observer.frames.length !== last; i++) {
      last = observer.frames.length;
      await new Promise((r) => setTimeout(r, 60));
    }
  }

  const ACTIONS: [string, () => Promise<unknown>][] = [
    ['send a message', () => actor.request('send', { chatId, messageType: 'TEXT', content: { text: 'hello' } })],
    ['send a second message', () => actor.request('send', { chatId, messageType: 'TEXT', content: { text: 'again' } })],
    ['mark delivered', () => actor.request('receipt', { chatId, kind: 'delivered', seq: 1 })],
    ['mark seen', () => actor.request('receipt', { chatId, kind: 'seen', seq: 2 })],
    ['add a member', () => actor.request('group.addMembers', { chatId, userIds: [carol.id] })],
    ['rename the group', () => actor.request('group.update', { chatId, title: 'Renamed' })],
    ['make a member admin', () => actor.request('group.setAdmin', { chatId, userId: carol.id, admin: true })],
    ['delete a message for everyone', async () => {
      const sent = await actor.request('send', { chatId, messageType: 'TEXT', content: { text: 'oops' } });
      return actor.request('messages.deleteForEveryone', { chatId, messageIds: [(sent.data as { id: string }).id] });
    }],
    ['remove a member', () => actor.request('group.removeMember', { chatId, userId: carol.id })],
    ['send a reply with a mention', () => actor.request('send', { chatId, messageType: 'TEXT', content: { text: '@Bob see' }, mentions: [bob.id] })],
  ];

  it("regression: a fresh fetch of a chat showed a lastSeq up to 10 s old (the access cache's row)", async () => {
    await actor.request('send', { chatId, messageType: 'TEXT', content: { text: 'warm the cache' } });
    const seq = ((await actor.request('send', { chatId, messageType: 'TEXT', content: { text: 'newest' } })).data as { seq: number }).seq;
    for (const path of [`/v1/chats/${chatId}`, `/v1/groups/${chatId}`]) {
      const body = (await (await fetch(`${t.url}${path}`, { headers: { authorization: `Bearer ${bob.token}` } })).json()) as { chat?: { lastSeq: number }; group?: { lastSeq: number } };
      assert.equal((body.chat ?? body.group)?.lastSeq, seq, path);
    }
  });

  for (const [name, action] of ACTIONS) {
    it(name, async () => {
      await quiet();
      const before = await snapshot();
      const from = observer.frames.length;
      const result = (await action()) as { ok?: boolean; error?: unknown };
      assert.notEqual(result.ok, false, JSON.stringify(result));
      await quiet();
      const events = observer.frames.slice(from).filter((f) => f.t === 'event') as { event: string; data: Row }[];
      const applied = structuredClone(before);
      for (const e of events) apply(applied, e.event, e.data);
      assert.deepEqual(applied, await snapshot(), `after "${name}" with events ${events.map((e) => e.event).join(', ') || '(none)'}`);
    });
  }
});
