import type { AppendResult, NewMessage, Store } from '../../store/index.js';
import { Batcher, type BatcherOptions } from '../batcher.js';

/** Group commit of messages: concurrent sends share one `appendMessages` transaction. */
export class MessageWriter {
  private readonly batcher: Batcher<NewMessage, AppendResult>;

  constructor(store: Store, opts: BatcherOptions) {
    this.batcher = new Batcher((batch) => store.appendMessages(batch), opts);
  }

  get pending(): number {
    return this.batcher.pending;
  }

  append(message: NewMessage): Promise<AppendResult> {
    return this.batcher.add(message);
  }

  close(): Promise<void> {
    return this.batcher.close();
  }
}
