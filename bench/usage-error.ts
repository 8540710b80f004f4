/** A bad command-line value: bench/main.ts prints `message` as one line and exits 2. */
export class BenchUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BenchUsageError';
  }
}
