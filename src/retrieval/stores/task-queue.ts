/**
 * Runs at most `limit` tasks at once, the rest in arrival order. LanceDB runs each search on its own Rust
 * threads with its own buffers: 64 concurrent searches hold 64 sets of buffers at once, and the allocator keeps
 * that peak as resident memory after the load has gone (measured in docs/benchmarks.md). A search over a
 * hundred rows takes about a millisecond, so waiting in this queue costs less than the memory it saves.
 */
export class TaskQueue {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running++;
    try {
      return await task();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }
}
