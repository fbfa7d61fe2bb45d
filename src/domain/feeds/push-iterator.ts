/**
 * The async iterator a live subscription hands to graphql-ws: the feed pushes values, the
 * client pulls them. `latestOnly` keeps just the newest value waiting (a dashboard wants the
 * current figures, not every figure it missed). Ends on `end()`, or when the client stops
 * (`return()`); either way `onEnd` detaches it from its feed, once.
 */
export class PushIterator<T> implements AsyncIterableIterator<T> {
  private readonly queue: T[] = [];
  private waiting: ((result: IteratorResult<T>) => void) | null = null;
  private ended = false;

  constructor(
    private readonly onEnd: () => void,
    private readonly latestOnly = false,
  ) {}

  push(value: T): void {
    if (this.ended) return;
    if (this.waiting !== null) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve({ value, done: false });
    } else {
      if (this.latestOnly) this.queue.length = 0;
      this.queue.push(value);
    }
  }

  /** No more values; those already queued are still delivered. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.onEnd();
    if (this.waiting !== null && this.queue.length === 0) {
      this.waiting({ value: undefined, done: true });
      this.waiting = null;
    }
  }

  next(): Promise<IteratorResult<T>> {
    const queued = this.queue.shift();
    if (queued !== undefined) return Promise.resolve({ value: queued, done: false });
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  /** Called by graphql-ws when the client stops or disconnects. */
  return(): Promise<IteratorResult<T>> {
    this.end();
    this.queue.length = 0;
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }
}
