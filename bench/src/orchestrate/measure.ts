// Runs jobs: builds each set-up once (a template), then every measured run starts fresh server(s) on
// a copy of it, drives them with a load-generator process pinned to the other core, and stops them.
import { runLoad } from './load-process.js';
import { deploy, nodesOf } from './deployment.js';
import type { Deployment } from './deployment.js';
import { copyData, freshData } from './servers.js';
import type { ServerData } from './servers.js';
import { freshSchema, REDIS_URL, redisPrefix, dropRedisPrefix } from './services.js';
import { LOAD_CPU, SERVER_CPU } from './pinning.js';
import { templateKey } from './jobs.js';
import type { Job } from './jobs.js';
import type { BenchOptions, TargetName } from './args.js';
import type { LoadConfig, LoadStep } from '../load/config.js';
import type { RunRecord } from './results.js';

interface Template {
  data: ServerData;
  setupMs: number;
}

/** Time budget of a step beyond its measured window. */
const SETUP_BUDGET_MS = 900_000;
const STEP_SLACK_MS = 120_000;

export class Bench {
  readonly #templates = new Map<string, Promise<Template>>();

  constructor(
    private readonly root: string,
    private readonly opts: BenchOptions,
    /** Targets that cannot run here, with the reason (PostgreSQL or Redis missing). */
    private readonly unavailable: ReadonlyMap<TargetName, string>,
  ) {}

  /** One run of one job, on fresh server(s) started on a copy of the job's set-up. */
  async measure(job: Job, run: number): Promise<RunRecord> {
    const key = { run, target: job.target, kind: job.kind, variant: job.variant };
    const reason = this.unavailable.get(job.target);
    if (reason !== undefined) return { ...key, error: `not available: ${reason}` };
    const started = Date.now();
    let data: ServerData | undefined;
    try {
      const tpl = await this.#template(job);
      data = copyData(tpl.data);
      const result = await this.#step<Record<string, unknown>>(job, job.kind, data, nodesOf(job.target), job.nodeArgs);
      const record = { ...key, result: { ...result, setupMs: tpl.setupMs } } as RunRecord;
      console.log(`  ${label(job)} run ${run}: done (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      return record;
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      console.log(`  ${label(job)} run ${run}: FAILED ${error.split('\n')[0]}`);
      return { ...key, error };
    } finally {
      await data?.remove();
    }
  }

  async cleanup(): Promise<void> {
    for (const made of this.#templates.values()) await made.then((t) => t.data.remove(), () => undefined);
  }

  #template(job: Job): Promise<Template> {
    const key = templateKey(job);
    let made = this.#templates.get(key);
    if (!made) {
      made = this.#makeTemplate(job);
      this.#templates.set(key, made);
    }
    return made;
  }

  async #makeTemplate(job: Job): Promise<Template> {
    const data = await dataFor(job.target);
    try {
      const setup = await this.#step<{ setupMs: number }>(job, `${job.setup}-setup`, data, 1);
      let setupMs = setup.setupMs;
      if (job.setup === 'history') {
        const seed = await runLoad<{ setupMs: number; messagesMs: number; chatsMs: number }>(this.root, {
          ...this.#config(job, 'history-seed', data, undefined),
          seedEnv: { PARLEY_DATA_DIR: data.dataDir, PARLEY_ADMIN_KEY: data.adminKey, PARLEY_LOG_LEVEL: 'silent', PORT: '0', ...data.env },
        });
        setupMs += seed.setupMs;
        console.log(
          `  ${job.target} history seed: ${(job.history?.messages ?? 0).toLocaleString('en-US')} messages in ${(seed.messagesMs / 1000).toFixed(1)} s, ` +
            `${(job.history?.chats ?? 0).toLocaleString('en-US')} chats in ${(seed.chatsMs / 1000).toFixed(1)} s`,
        );
      }
      console.log(`  ${job.target} ${job.setup} set-up (${job.size || 'fixed'}): ${(setupMs / 1000).toFixed(1)} s`);
      return { data, setupMs };
    } catch (err) {
      await data.remove();
      throw err;
    }
  }

  /** Starts the deployment on `data`, runs one load step against it, stops the deployment. */
  async #step<R>(job: Job, step: LoadStep, data: ServerData, nodes: number, nodeArgs?: string[]): Promise<R> {
    const deployment = await deploy(job.target, data, { root: this.root, cpu: SERVER_CPU, readyTimeoutMs: 120_000, nodes, nodeArgs });
    try {
      return await runLoad<R>(this.root, this.#config(job, step, data, deployment));
    } finally {
      await deployment.stop();
    }
  }

  #config(job: Job, step: LoadStep, data: ServerData, deployment: Deployment | undefined): LoadConfig {
    const o = this.opts;
    const durationMs = job.durationMs ?? o.durationMs;
    const drainMs = o.quick ? 2_000 : 3_000;
    const measuring = !step.endsWith('-setup') && step !== 'history-seed';
    return {
      target: job.target === 'baseline' ? 'baseline' : 'parley',
      step,
      stateFile: data.stateFile,
      wsUrls: deployment?.wsUrls ?? [],
      httpUrl: deployment?.httpUrl ?? '',
      adminKey: data.adminKey,
      serverPids: deployment?.pids ?? [],
      cores: [SERVER_CPU, LOAD_CPU],
      pairs: job.setup === 'pairs' ? job.size : o.pairs,
      window: o.window,
      warmupMs: o.warmupMs,
      durationMs,
      drainMs,
      payloadBytes: o.payloadBytes,
      receipts: job.kind === 'fanout' ? o.fanoutReceipts : o.receipts,
      rate: o.rate,
      rssSampleMs: job.rssSampleMs ?? 250,
      idleConnections: job.setup === 'idle' ? job.size : o.idleConnections,
      idleChatSize: o.idleChatSize,
      connectConcurrency: o.connectConcurrency,
      fanoutChats: o.fanoutChats,
      fanoutMembers: o.fanoutMembers,
      fanoutSenders: o.fanoutSenders,
      historyMessages: job.history?.messages ?? o.historyMessages,
      recentChats: job.history?.chats ?? o.recentChats,
      historySamples: o.historySamples,
      setupConcurrency: 16,
      settleMs: 1_000,
      timeoutMs: 15_000,
      deadlineMs: measuring ? o.warmupMs + durationMs + drainMs + STEP_SLACK_MS + (job.kind === 'idle' ? 180_000 : 0) : SETUP_BUDGET_MS,
    };
  }
}

/** A fresh data folder; on PostgreSQL also a fresh schema, on the cluster also a Redis prefix. */
async function dataFor(target: TargetName): Promise<ServerData> {
  if (target === 'baseline' || target === 'parley') return freshData();
  const schema = await freshSchema();
  if (target === 'parley-postgres') return freshData({ PARLEY_DATABASE_URL: schema.url }, () => schema.drop());
  const prefix = redisPrefix();
  return freshData({ PARLEY_DATABASE_URL: schema.url, PARLEY_REDIS_URL: REDIS_URL, PARLEY_REDIS_PREFIX: prefix }, async () => {
    await schema.drop();
    await dropRedisPrefix(prefix);
  });
}

export function label(job: Pick<Job, 'target' | 'kind' | 'variant'>): string {
  return `${job.target} ${job.kind}${job.variant ? ` (${job.variant})` : ''}`;
}
