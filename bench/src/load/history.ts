// Scenario "history" (Parley only: the relay keeps nothing). Over the WebSocket protocol, one request
// in flight at a time, timed from send to ack on the load generator:
//  - a page of 50 from a random point of a chat holding `messages` messages (`history`, position up);
//  - the recent-chats list of a user who is a member of `recentChats` chats (`chats`, first page).
import { performance } from 'node:perf_hooks';
import { LatencyHistogram } from './histogram.js';
import type { LatencySummary } from './histogram.js';
import { cpuWindow } from './cpu-window.js';
import type { CpuUse } from './cpu-window.js';
import { ParleyClient } from './ws-client.js';

/** What `history-setup` and `history-seed` created. */
export interface HistoryState {
  chatId: string;
  readerId: string;
  readerToken: string;
  otherId: string;
  busyId: string;
  busyToken: string;
  /** Filled in by the seed step. */
  messages: number;
  recentChats: number;
}

export interface HistoryOptions {
  wsUrl: string;
  samples: number;
  pageSize: number;
  timeoutMs: number;
  serverPids: number[];
  cores: number[];
}

export interface TimedFigure extends CpuUse {
  requests: number;
  latencyMs: LatencySummary;
  requestsPerSec: number;
  /** Answers shorter than expected (a page under `pageSize`, a list under its page). */
  short: number;
}

export interface HistoryResult {
  messages: number;
  recentChats: number;
  pageSize: number;
  page: TimedFigure;
  recent: TimedFigure;
}

const WARMUP_REQUESTS = 50;

async function timed(count: number, serverPids: number[], cores: number[], one: () => Promise<boolean>): Promise<TimedFigure> {
  for (let i = 0; i < Math.min(WARMUP_REQUESTS, count); i++) await one();
  const histogram = new LatencyHistogram();
  let short = 0;
  const end = cpuWindow(serverPids, cores);
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    const complete = await one();
    histogram.recordMs(performance.now() - t);
    if (!complete) short++;
  }
  const cpu = end();
  return { requests: count, latencyMs: histogram.summary(), requestsPerSec: (count * 1000) / cpu.wallMs, short, ...cpu };
}

export async function runHistory(state: HistoryState, opts: HistoryOptions): Promise<HistoryResult> {
  const reader = await ParleyClient.connect(opts.wsUrl, state.readerToken, opts.timeoutMs);
  const busy = await ParleyClient.connect(opts.wsUrl, state.busyToken, opts.timeoutMs);
  try {
    const top = state.messages + 1;
    const page = await timed(opts.samples, opts.serverPids, opts.cores, async () => {
      // A random point with a full page below it: seq in [pageSize + 1, messages + 1).
      const fromSeq = opts.pageSize + 1 + Math.floor(Math.random() * (top - opts.pageSize - 1));
      const answer = await reader.call('history', { chatId: state.chatId, position: 'up', fromSeq, limit: opts.pageSize }, opts.timeoutMs);
      return answer.messages.length === opts.pageSize;
    });
    const expected = Math.min(50, state.recentChats);
    const recent = await timed(Math.max(1, Math.round(opts.samples / 4)), opts.serverPids, opts.cores, async () => {
      const answer = await busy.call('chats', {}, opts.timeoutMs);
      return answer.length >= expected;
    });
    return { messages: state.messages, recentChats: state.recentChats, pageSize: opts.pageSize, page, recent };
  } finally {
    reader.close();
    busy.close();
  }
}
