/** Admission to the demo's shared lanes: up to `lanes` bodies at once, served in arrival order. */
export class LaneGate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  private readonly lanes: number;

  constructor(lanes: number) {
    this.lanes = lanes;
  }

  async run<T>(body: () => Promise<T>): Promise<T> {
    if (this.running < this.lanes) this.running++;
    else await new Promise<void>((wake) => this.waiting.push(wake));
    try {
      return await body();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter, so the count stays right.
      if (next) next();
      else this.running--;
    }
  }
}
