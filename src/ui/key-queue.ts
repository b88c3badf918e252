// Keys typed while the UI has the terminal, in order, for whoever waits for them next. Keys that arrive while
// nobody waits are kept (typeahead), so nothing the presenter presses is lost or handled twice.
import { parseKeys, type Key } from './keys.js';

export class KeyQueue {
  private keys: Key[] = [];
  private waiter: ((key: Key | undefined) => void) | undefined;
  private timer: NodeJS.Timeout | undefined;

  /** Raw input from the terminal. */
  push(data: string): void {
    this.keys.push(...parseKeys(data));
    this.deliver();
  }

  /** The next key; with `timeoutMs`, undefined when none came in time. */
  next(timeoutMs?: number): Promise<Key | undefined> {
    if (this.waiter) throw new Error('KeyQueue: only one reader at a time');
    const key = this.keys.shift();
    if (key) return Promise.resolve(key);
    return new Promise((resolve) => {
      this.waiter = resolve;
      if (timeoutMs !== undefined) this.timer = setTimeout(() => this.settle(undefined), timeoutMs);
    });
  }

  /** Puts a key back, to be read first (a key that ended typing and belongs to the wait after it). */
  unshift(key: Key): void {
    this.keys.unshift(key);
    this.deliver();
  }

  /** Forgets typeahead (e.g. keys meant for a command that has just ended). */
  drop(): void {
    this.keys = [];
  }

  /** Wakes a waiting reader with no key (used when the program is ending). */
  cancel(): void {
    this.settle(undefined);
  }

  private deliver(): void {
    if (this.waiter && this.keys.length) this.settle(this.keys.shift());
  }

  private settle(key: Key | undefined): void {
    const waiter = this.waiter;
    if (!waiter) return;
    this.waiter = undefined;
    clearTimeout(this.timer);
    this.timer = undefined;
    waiter(key);
  }
}
