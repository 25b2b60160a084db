import { useEffect, useState } from 'preact/hooks';

/** A value views subscribe to; `set` merges a patch and notifies. */
export class Observable<T extends object> {
  #value: T;
  readonly #listeners = new Set<(value: T) => void>();

  constructor(initial: T) {
    this.#value = initial;
  }

  get value(): T {
    return this.#value;
  }

  set(patch: Partial<T>): void {
    this.#value = { ...this.#value, ...patch };
    for (const fn of this.#listeners) fn(this.#value);
  }

  subscribe(fn: (value: T) => void): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }
}

/** The current value of an observable (or of anything with `value` + `subscribe`), re-rendering on change. */
export function useObservable<T>(source: { value: T; subscribe(fn: (value: T) => void): () => void }): T {
  const [value, setValue] = useState(source.value);
  useEffect(() => {
    setValue(source.value);
    return source.subscribe(setValue);
  }, [source]);
  return value;
}
