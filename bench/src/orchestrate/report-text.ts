// The prose of the report: what each scenario does, and what a reader must know about this run
// (saturated load generator, errors, disturbed windows, failures).
import { num } from './figures.js';
import type { RunRecord } from './results.js';
import type { BenchOptions } from './args.js';
import type { Environment } from './report.js';

export function scenarioText(opts: BenchOptions): string[] {
  const w = `${opts.warmupMs / 1000} s warm-up, then ${opts.durationMs / 1000} s measured`;
  const receipts = opts.receipts
    ? 'receivers send `delivered` receipts, one in flight at a time carrying the highest seq seen, as a client with receipts would'
    : '**receipts were switched off for this run (`--no-receipts`, a diagnostic)**';
  return [
    `- **throughput** (1): ${opts.pairs} pairs of users, each sender keeping a window of ${opts.window} messages in flight (from send until the peer receives it), ${opts.payloadBytes}-byte texts; ${w}. Latency is send → peer receives, from a timestamp carried in the text. The baseline is \`bench/src/baseline/relay-server.ts\` (JSON \`{to, body}\` in, \`{from, body}\` out, no persistence, no auth). Parley runs on SQLite in a fresh temporary data folder; senders use \`send\` with a client message id (acked after commit) in direct chats; ${receipts}.`,
    `- **fixed rate** (2): ${num(opts.rate, 0)} msgs/s offered by a timer (open loop, not window-paced), round-robin over the same ${opts.pairs} pairs; ${w}. Each message carries its *scheduled* send time, so a server that falls behind shows as latency, not as a slower sender. Held = achieved within ±5% of offered (above it, the server was still working off a backlog) and every message of the window delivered by the end of a ${opts.quick ? 2 : 3} s drain. RSS is read every 250 ms.`,
    `- **idle** (3): ${num(opts.idleConnections, 0)} connections opened ${opts.connectConcurrency} at a time; a connection counts once it is ready (baseline: socket open; Parley: authenticated upgrade and \`hello\` received). Parley's users, tokens and chats (${opts.idleChatSize} members each) are created through the admin API by one server process, which is then stopped; a second one started on the same data serves the connections. Bytes per connection = growth of that server's VmRSS (/proc) from before the first connect to 1 s after the last ÷ connections.`,
    `- **fan-out** (4): ${opts.fanoutChats} group chats of ${opts.fanoutMembers} members (${num(opts.fanoutChats * opts.fanoutMembers, 0)} connections), ${opts.fanoutSenders} senders per chat each keeping one message in flight until every other member has it; ${w}. A delivery = one member receiving one message. The baseline relay gets a \`to\` list (serialised once, the same bytes to each member). Parley: \`send\` to the group chat; ${opts.fanoutReceipts ? 'members send `delivered` receipts' : 'members send no receipts here (`--fanout-receipts` adds them: each receipt is an event to every member, O(members²) events per message)'}.`,
    `- **history** (5, Parley only): a direct chat of ${num(opts.historyMessages, 0)} messages and a user in ${num(opts.recentChats, 0)} chats (one message each), seeded during set-up directly through the store (\`Store.appendMessages\` in transactions of 10,000, \`Store.createChat\`) with the server stopped; the measured server starts on a copy. Measured over the WebSocket protocol, one request in flight: \`history\` (position up, \`fromSeq\` uniformly random, limit 50), ${num(opts.historySamples, 0)} times; then \`chats\` (the first page of the recent-chats list, 50), ${num(Math.max(1, Math.round(opts.historySamples / 4)), 0)} times; 50 unmeasured requests first. Latency is request → ack on the load generator.`,
    `- **backends** (6): the throughput scenario on Parley with PostgreSQL (a fresh schema, \`?options=-c search_path=…\`), and on two Parley nodes on PostgreSQL + Redis (senders on node 1, receivers on node 2, so every message crosses the Redis bus). Both nodes share core 0: the same CPU as one node. PostgreSQL and Redis are the machine's own services, not pinned; their CPU shows under "other processes". Runs on PostgreSQL share the template's schema (later runs find the earlier runs' messages).`,
    `- **load doubling** (7): throughput at ${opts.pairs}, ${opts.pairs * 2} and ${opts.pairs * 4} pairs, idle connections at ${num(opts.idleConnections, 0)} and ${num(opts.idleConnections * 2, 0)}, and history on a tenth of the messages and chats.`,
    `- **memory**: the fixed rate for ${num(opts.memoryMs / 60_000, 2)} minutes on Parley (SQLite), RSS every second; one run.`,
  ];
}

export function notes(records: readonly RunRecord[], env: Environment, opts: BenchOptions): string[] {
  const out: string[] = [];
  if (opts.targets.includes('parley') && !env.parleyAvailable) out.push('Parley was not measured: `packages/server/src/main.ts` does not exist yet.');
  for (const r of records) {
    const name = `${r.target} ${r.kind}${r.variant ? ` (${r.variant})` : ''}, run ${r.run}`;
    if ('error' in r) {
      out.push(`${name} ${r.error.startsWith('not available') ? 'was' : 'failed:'} ${r.error.split('\n')[0]}`);
      continue;
    }
    const res = r.result;
    if ('otherCpuPct' in res && res.otherCpuPct >= 10) {
      out.push(`${name}: other processes took ${num(res.otherCpuPct, 0)}% of a core from cores 0–1 during the window — disturbed.`);
    }
    if ('loadCpuPct' in res && res.loadCpuPct >= 90) out.push(`${name}: the load generator used ${num(res.loadCpuPct, 0)}% of its core — bounded by the load side.`);
    if ('health' in res) {
      if (res.health.errors > 0) out.push(`${name}: ${res.health.errors} error acks (${res.health.lastError}).`);
      if (res.health.unexpectedCloses > 0) out.push(`${name}: the server closed ${res.health.unexpectedCloses} sockets.`);
    }
    if ('undelivered' in res && res.undelivered > 0) out.push(`${name}: ${num(res.undelivered, 0)} ${r.kind === 'fanout' ? 'deliveries' : 'messages'} missing at the end of the drain.`);
    if (r.kind === 'idle' && 'failed' in res && res.failed > 0) out.push(`${name}: ${res.failed} connections failed (${res.firstError}).`);
    if (r.kind === 'history' && 'page' in res) {
      if (res.page.short + res.recent.short > 0) out.push(`${name}: ${res.page.short + res.recent.short} short answers.`);
      if (res.page.otherCpuPct >= 10) out.push(`${name}: other processes took ${num(res.page.otherCpuPct, 0)}% of a core from cores 0–1 while paging — disturbed.`);
    }
  }
  return out;
}
