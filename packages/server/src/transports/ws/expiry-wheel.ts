/** What the wheel keeps on an item: the slot it sits in (0: in none). */
export interface Expiring {
  expirySlot: number;
}

/**
 * Items by the second their deadline falls in, swept once a second: one timer for the node instead of
 * one per socket. An idle connection costs one entry in a Set and a small integer on itself, where a
 * `setTimeout` each would cost a Timeout object, its closure and, as every token expires at its own
 * millisecond, a timer list per distinct delay. An item is swept in the first sweep after its
 * deadline's second has fully passed: never before the deadline, at most about a second after it.
 *
 * @example
 * ```ts
 * const wheel = new ExpiryWheel<Connection>();
 * wheel.set(conn, tokenExpiresAt);
 * setInterval(() => { for (const c of wheel.sweep(Date.now())) c.close(4401, 'token expired'); }, 1000);
 * ```
 */
export class ExpiryWheel<T extends Expiring> {
  private readonly slots = new Map<number, Set<T>>();
  /** Slots count seconds from here, so they stay small integers (no boxed numbers per item). */
  private readonly origin: number;
  /** Every slot up to this one has been swept. */
  private swept = 0;

  constructor(now = Date.now()) {
    this.origin = now;
  }

  /** How many items wait. */
  get size(): number {
    let n = 0;
    for (const set of this.slots.values()) n += set.size;
    return n;
  }

  /** Puts `item` under `deadline` (ms), moving it if it was under another; a past one goes in the next sweep. */
  set(item: T, deadline: number): void {
    this.remove(item);
    const slot = Math.max(this.swept + 1, Math.ceil((deadline - this.origin) / 1000));
    let set = this.slots.get(slot);
    if (!set) this.slots.set(slot, (set = new Set()));
    set.add(item);
    item.expirySlot = slot;
  }

  remove(item: T): void {
    const slot = item.expirySlot;
    if (slot === 0) return;
    item.expirySlot = 0;
    const set = this.slots.get(slot);
    if (!set) return;
    set.delete(item);
    if (set.size === 0) this.slots.delete(slot);
  }

  /** Takes out and returns every item whose deadline's second has passed by `now`. */
  sweep(now: number): T[] {
    const target = Math.floor((now - this.origin) / 1000);
    if (target <= this.swept) return [];
    const due: T[] = [];
    const take = (slot: number, set: Set<T>): void => {
      this.slots.delete(slot);
      for (const item of set) {
        item.expirySlot = 0;
        due.push(item);
      }
    };
    // Normally one slot has come due; after a stall or a clock jump, walk whichever is shorter.
    if (target - this.swept <= this.slots.size) {
      for (let slot = this.swept + 1; slot <= target; slot++) {
        const set = this.slots.get(slot);
        if (set) take(slot, set);
      }
    } else {
      for (const [slot, set] of [...this.slots]) if (slot <= target) take(slot, set);
    }
    this.swept = target;
    return due;
  }
}
