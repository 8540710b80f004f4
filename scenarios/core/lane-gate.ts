/**
 * Admission to the demo's shared lanes: up to `lanes` bodies at once, except that an `exclusive`
 * body (a fault window, the load warm-up) runs with no other body at all. Waiters are served in
 * arrival order, so an exclusive body is not starved by a stream of shared ones.
 */
export class LaneGate {
  private running = 0;
  private exclusiveRunning = false;
  private readonly waiting: { exclusive: boolean; wake: () => void }[] = [];

  constructor(private readonly lanes: number) {}

  async run<T>(exclusive: boolean, body: () => Promise<T>): Promise<T> {
    await this.enter(exclusive);
    try {
      return await body();
    } finally {
      this.leave(exclusive);
    }
  }

  private canEnter(exclusive: boolean): boolean {
    if (this.exclusiveRunning) return false;
    return exclusive ? this.running === 0 : this.running < this.lanes;
  }

  private enter(exclusive: boolean): Promise<void> {
    if (this.waiting.length === 0 && this.canEnter(exclusive)) {
      this.admit(exclusive);
      return Promise.resolve();
    }
    return new Promise((wake) => this.waiting.push({ exclusive, wake }));
  }

  private admit(exclusive: boolean): void {
    this.running++;
    if (exclusive) this.exclusiveRunning = true;
  }

  private leave(exclusive: boolean): void {
    this.running--;
    if (exclusive) this.exclusiveRunning = false;
    while (this.waiting.length > 0 && this.canEnter(this.waiting[0]!.exclusive)) {
      const next = this.waiting.shift()!;
      this.admit(next.exclusive);
      next.wake();
    }
  }
}
