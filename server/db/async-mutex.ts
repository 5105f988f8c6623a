/** A FIFO async lock: `run(fn)` waits for every earlier call to settle before starting `fn`. */
export class AsyncMutex {
  private tail: Promise<unknown> = Promise.resolve();

  /** Runs `fn` once every previously queued task has finished. */
  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn, fn);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
