/** A listener of one event of an {@link Emitter}. */
export type Listener<T> = (payload: T) => void;

/**
 * A small typed event emitter: `M` maps each event name to its payload. A listener that throws does not
 * stop the others; its error goes to the `onListenerError` hook given to the constructor.
 *
 * @example
 * ```ts
 * const emitter = new Emitter<{ tick: number }>();
 * const off = emitter.on('tick', (n) => console.log(n));
 * emitter.emit('tick', 1);
 * off();
 * ```
 */
export class Emitter<M extends object> {
  readonly #listeners = new Map<keyof M, Set<Listener<never>>>();
  readonly #onListenerError: ((error: unknown, event: keyof M) => void) | undefined;

  constructor(onListenerError?: (error: unknown, event: keyof M) => void) {
    this.#onListenerError = onListenerError;
  }

  /**
   * Adds a listener; returns the function that removes it.
   *
   * @example
   * ```ts
   * const off = emitter.on('tick', (n) => console.log(n));
   * off();
   * ```
   */
  on<K extends keyof M>(event: K, listener: Listener<M[K]>): () => void {
    let set = this.#listeners.get(event);
    if (!set) {
      set = new Set();
      this.#listeners.set(event, set);
    }
    set.add(listener);
    return () => this.off(event, listener);
  }

  /**
   * Adds a listener called at most once.
   *
   * @example
   * ```ts
   * emitter.once('tick', (n) => console.log('first tick', n));
   * ```
   */
  once<K extends keyof M>(event: K, listener: Listener<M[K]>): () => void {
    const off = this.on(event, (payload) => {
      off();
      listener(payload);
    });
    return off;
  }

  /**
   * Removes a listener added with {@link Emitter.on}.
   *
   * @example
   * ```ts
   * emitter.off('tick', listener);
   * ```
   */
  off<K extends keyof M>(event: K, listener: Listener<M[K]>): void {
    this.#listeners.get(event)?.delete(listener);
  }

  /**
   * Calls every listener of `event` in the order they were added.
   *
   * @example
   * ```ts
   * emitter.emit('tick', 2);
   * ```
   */
  emit<K extends keyof M>(event: K, payload: M[K]): void {
    const set = this.#listeners.get(event);
    if (!set || set.size === 0) return;
    for (const listener of [...set] as Listener<M[K]>[]) {
      try {
        listener(payload);
      } catch (error) {
        this.#onListenerError?.(error, event);
      }
    }
  }

  /**
   * How many listeners `event` has.
   *
   * @example
   * ```ts
   * if (emitter.listenerCount('error') === 0) console.error(err);
   * ```
   */
  listenerCount(event: keyof M): number {
    return this.#listeners.get(event)?.size ?? 0;
  }
}
