// Suite 8 (WebSocket): every op and every event subscription, as every attacker with a token.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { OP_NAMES } from '@parley/protocol';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { RawClient } from '../helpers/ws-client.js';
import { send } from './support/http.js';
import { OP_TABLE } from './support/op-table.js';
import { PERSONAS, buildWorld, type Persona, type World } from './support/world.js';

/** Personas that can open a socket at all (admin keys and anonymous are refused at the upgrade). */
const SOCKET_PERSONAS = PERSONAS.filter((p) => p !== 'anonymous' && p !== 'otherTenantAdmin');

describe('access matrix: every WebSocket op and event × every attacker', () => {
  let t: TestServer;
  let w: World;
  const sockets = new Map<Persona, RawClient>();
  before(async () => {
    t = await startTestServer({ config: { heartbeatMs: 60_000 } });
    w = await buildWorld(t);
    for (const persona of SOCKET_PERSONAS) sockets.set(persona, await RawClient.connect(t.wsUrl, w.credentials[persona]));
  });
  after(async () => {
    for (const c of sockets.values()) c.close();
    await t.close();
  });

  it('classifies every op', () => {
    assert.deepEqual(OP_NAMES.filter((op) => !(op in OP_TABLE)), [], 'ops without an entry in test/security/support/op-table.ts');
  });

  it('the upgrade refuses an admin key and no credential', async () => {
    for (const credential of [w.credentials.otherTenantAdmin, t.adminKey, '']) {
      await assert.rejects(RawClient.connect(t.wsUrl, credential), (err: Error & { statusCode?: number }) => err.statusCode === 401);
    }
  });

  it('resume names only the caller chats, and replays none of the victims messages', async () => {
    for (const [persona, socket] of sockets) {
      const ack = await socket.request('resume', OP_TABLE.resume.data(w, w.ids[persona]));
      assert.equal(ack.ok, true, persona);
      const chats = (ack.data as { chats: { chatId: string; status: string }[] }).chats;
      for (const c of chats.filter((c) => [w.group.id, w.direct.id, w.livechat.id].includes(c.chatId))) {
        assert.notEqual(c.status, 'recovered', `${persona} resumed ${c.chatId}`);
      }
      assert.ok(!JSON.stringify(socket.frames).includes(w.marker), `${persona} got the victims' data on resume`);
    }
  });

  it('refuses every op on the victims chats, leaking nothing', async () => {
    const problems: string[] = [];
    for (const [op, spec] of Object.entries(OP_TABLE)) {
      if (op === 'resume') continue;
      await Promise.all(
        [...sockets].map(async ([persona, socket]) => {
          const ack = await socket.request(op, spec.data(w, w.ids[persona]));
          const text = JSON.stringify(ack);
          if (text.includes(w.marker)) problems.push(`${op} as ${persona}: LEAKED ${text.slice(0, 300)}`);
          if (!ack.ok && ack.error?.code === 'E_INTERNAL') problems.push(`${op} as ${persona}: server error`);
          if (spec.scope === 'victim') {
            if (ack.ok) problems.push(`${op} as ${persona}: NOT REFUSED ${text.slice(0, 300)}`);
            else if (ack.error?.code === 'E_VALIDATION') problems.push(`${op} as ${persona}: the probe is invalid (${text.slice(0, 200)}); fix op-table.ts`);
          }
        }),
      );
    }
    assert.deepEqual(problems, []);
  });

  it('hears none of the victims events: messages, typing, receipts, members, updates', async () => {
    const victim = await RawClient.connect(t.wsUrl, w.alice.token);
    await victim.request('resume', { cursors: {} });
    const before = new Map([...sockets].map(([p, s]) => [p, s.frames.length]));
    assert.equal((await victim.request('send', { chatId: w.group.id, messageType: 'TEXT', content: { text: `live ${w.marker}` } })).ok, true);
    assert.equal((await victim.request('typing', { chatId: w.group.id, state: 'composing' })).ok, true);
    assert.equal((await victim.request('receipt', { chatId: w.group.id, kind: 'seen', seq: 1 })).ok, true);
    assert.equal((await victim.request('group.update', { chatId: w.group.id, title: `Renamed ${w.marker}` })).ok, true);
    assert.equal((await victim.request('send', { chatId: w.direct.id, messageType: 'TEXT', content: { text: `live ${w.marker}` } })).ok, true);
    const visitor = await RawClient.connect(t.wsUrl, w.visitor.token);
    await visitor.request('resume', { cursors: {} });
    await visitor.request('send', { chatId: w.livechat.id, messageType: 'TEXT', content: { text: `live ${w.marker}` } }).catch(() => undefined);
    await visitor.request('typing', { chatId: w.livechat.id, state: 'composing' });
    // A fence instead of a sleep: every action above was acknowledged, and on one node an event is
    // written to each socket as it is published, so a ping's ack written after it to each attacker
    // socket comes after anything those actions fanned out to it.
    await Promise.all([...sockets.values()].map(async (socket) => assert.equal((await socket.request('ping', {})).ok, true)));
    for (const [persona, socket] of sockets) {
      const heard = socket.frames.slice(before.get(persona));
      const victims = [w.group.id, w.direct.id, w.customer.id, w.livechat.id];
      const leaked = heard.filter((f) => JSON.stringify(f).includes(w.marker) || victims.some((id) => JSON.stringify(f).includes(id)));
      // Agents hear the tenant's live-chat queue by design; they are trusted with live chats.
      const relevant = persona === 'agentNotInChat' ? leaked.filter((f) => !JSON.stringify(f).includes(w.livechat.id)) : leaked;
      assert.deepEqual(relevant, [], `${persona} heard the victims' events`);
    }
    const checked = await send(t.url, { method: 'GET', path: `/v1/chats/${w.group.id}/messages?limit=100`, headers: { authorization: `Bearer ${w.alice.token}` } });
    assert.ok(!checked.text.includes('intruder'), 'no attacker message landed in the victims chat');
    victim.close();
    visitor.close();
  });
});
