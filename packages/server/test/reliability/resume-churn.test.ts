// Suite 4: resume under churn. Clients send while their connections are killed at random, several
// times each; they resume (or refetch when told `unrecoverable`). 0 lost, 0 duplicated, order kept;
// resume time p50/p99 and how often a resume fell back to a refetch are reported.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TestServer, TestUser } from '../helpers/server.js';
import { ChurnClient } from './support/churn-client.js';
import { percentile, report, round } from './support/figures.js';
import { History, type Seen } from './support/history.js';
import { readChat } from './support/read-chat.js';
import { size } from './support/scale.js';
import { random, startLoadServer } from './support/server.js';

const GROUPS = size(4, 20);
const MEMBERS = size(5, 8);
const RUN_MS = size(6_000, 60_000);

describe('resume under churn', () => {
  let t: TestServer;
  const history = new History();
  const clients: ChurnClient[] = [];
  const chats: { id: string; members: TestUser[] }[] = [];
  const rnd = random(4);
  before(async () => {
    // A small replay window, so that clients away for long are told `unrecoverable` and refetch.
    t = await startLoadServer({ config: { limits: { resumeMaxMessages: 25 } } });
    for (let g = 0; g < GROUPS; g++) {
      const members: TestUser[] = [];
      for (let i = 0; i < MEMBERS; i++) members.push(await t.createUser('member', `g${g}m${i}`));
      chats.push({ id: (await t.createChat('group', members.map((m) => m.id))).id, members });
    }
    for (const chat of chats) for (const [i, m] of chat.members.entries()) clients.push(new ChurnClient(t.wsUrl, t.url, m, `${chat.id}#${i}`, [chat.id], history));
  });
  after(async () => {
    for (const c of clients) c.close();
    await t.close();
  });

  it('loses nothing, duplicates nothing, keeps the order, while connections are killed', async () => {
    const deadline = Date.now() + RUN_MS;
    await Promise.all(
      clients.map(async (client) => {
        await client.connect();
        const chatId = client.name.split('#')[0] as string;
        // Each connection dies 2 to 4 times, at random moments of the run.
        const killAt = Array.from({ length: 2 + Math.floor(rnd() * 3) }, () => Date.now() + rnd() * RUN_MS * 0.7).sort((a, b) => a - b);
        let n = 0;
        while (Date.now() < deadline) {
          if (client.connected && killAt.length > 0 && Date.now() >= (killAt[0] as number)) {
            killAt.shift();
            client.kill();
          }
          if (!client.connected) {
            // Away for a while, sometimes long enough to fall out of the replay window.
            await new Promise((r) => setTimeout(r, rnd() < 0.2 ? 1500 : 50 + rnd() * 200));
            await client.connect();
            continue;
          }
          await client.send(chatId, `${client.name} ${n++}`);
          await new Promise((r) => setTimeout(r, 20 + rnd() * 80));
        }
      }),
    );
    // The end: everyone reconnects once more, resends what is still unacknowledged, catches up.
    for (const c of clients) if (!c.connected) await c.connect();
    for (const c of clients) if (c.unacknowledged > 0) await c.connect();
    await new Promise((r) => setTimeout(r, 300));
    for (const c of clients) await c.fillGaps();

    const stored = new Map<string, Seen[]>();
    for (const chat of chats) stored.set(chat.id, await readChat(t.url, chat.members[0]!.token, chat.id));
    const problems = history.check(stored);
    for (const c of clients) {
      const chatId = c.name.split('#')[0] as string;
      const want = stored.get(chatId) ?? [];
      const view = c.view.get(chatId) ?? new Map<number, string>();
      const wrong = want.filter((m) => view.get(m.seq) !== m.id);
      if (wrong.length > 0 || view.size !== want.length) problems.push(`${c.name} shows ${view.size} messages, the store has ${want.length} (${wrong.length} missing or different)`);
      if (c.unacknowledged > 0) problems.push(`${c.name}: ${c.unacknowledged} sends never acknowledged`);
    }
    assert.deepEqual(problems.slice(0, 20), [], `${problems.length} problems`);
    const all = clients.map((c) => c.stats);
    const resumeMs = all.flatMap((s) => s.resumeMs);
    const resumes = all.reduce((n, s) => n + s.resumes, 0);
    const unrecoverable = all.reduce((n, s) => n + s.unrecoverable, 0);
    assert.ok(all.reduce((n, s) => n + s.kills, 0) >= clients.length, 'connections were killed, several times each on average');
    report('resume-churn', {
      clients: clients.length,
      messages: history.sent,
      kills: all.reduce((n, s) => n + s.kills, 0),
      resumes,
      resumeP50Ms: round(percentile(resumeMs, 50)),
      resumeP99Ms: round(percentile(resumeMs, 99)),
      unrecoverable,
      refetchRatePct: round((100 * unrecoverable) / Math.max(1, resumes)),
      refetchedMessages: all.reduce((n, s) => n + s.refetched, 0),
      wireDuplicatesDropped: all.reduce((n, s) => n + s.wireDuplicates, 0),
    });
  });
});
