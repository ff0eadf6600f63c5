/**
 * Runs at most `limit` tasks at once, the rest in arrival order. LanceDB runs each search on its Rust threads
 * with its own buffers: 64 concurrent searches hold 64 sets of buffers at once, and the allocator keeps that
 * peak as resident memory after the load has gone. Four at a time kept the advice load's throughput and cut
 * its resident memory by about 50 MiB; one at a time cut 30 MiB more but lost a quarter of the throughput
 * (docs/benchmarks.md).
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
