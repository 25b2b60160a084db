import type { AppendResult, CommitResults, CommitWrites, Store } from '../store/index.js';
import type { ParleyMetrics } from './registry.js';

type AnyMethod = (...args: unknown[]) => unknown;

/**
 * The store, timed: every operation's latency and failures by name, and for group commits (a batch
 * as first argument, or `commit`'s writes) the batch size. Messages created count as messages in.
 * Domain code sees the same `Store` interface.
 */
export function instrumentStore(store: Store, metrics: ParleyMetrics): Store {
  const wrapped = new Map<PropertyKey, AnyMethod>();
  return new Proxy(store, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      let method = wrapped.get(prop);
      if (!method) {
        method = timed(String(prop), (value as AnyMethod).bind(target), metrics);
        wrapped.set(prop, method);
      }
      return method;
    },
  });
}

function timed(op: string, method: AnyMethod, metrics: ParleyMetrics): AnyMethod {
  const latency = metrics.storeLatency.labels(op);
  const errors = metrics.storeErrors.labels(op);
  const batchSize = metrics.writerBatchSize.labels(op);
  const created = op === 'appendMessages' ? createdIn : op === 'commit' ? (value: unknown) => createdIn((value as CommitResults).appended) : undefined;
  return (...args: unknown[]) => {
    const first = args[0];
    if (Array.isArray(first)) batchSize.observe(first.length);
    else if (op === 'commit') batchSize.observe((first as CommitWrites).messages.length + (first as CommitWrites).marks.length);
    const end = latency.startTimer();
    let result: unknown;
    try {
      result = method(...args);
    } catch (err) {
      end();
      errors.inc();
      throw err;
    }
    if (!(result instanceof Promise)) {
      end();
      return result;
    }
    return result.then(
      (value: unknown) => {
        end();
        if (created) metrics.messagesIn.inc(created(value));
        return value;
      },
      (err: unknown) => {
        end();
        errors.inc();
        throw err;
      },
    );
  };
}

function createdIn(results: unknown): number {
  if (!Array.isArray(results)) return 0;
  let n = 0;
  for (const r of results as AppendResult[]) if (r.status === 'created') n++;
  return n;
}
