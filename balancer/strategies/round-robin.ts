import type { LbResponse } from '../response.ts';
import type { Target } from '../target.ts';
import type { Strategy } from './strategy.ts';

/** Next up target in rotation, skipping down ones; null when all are down. */
export class RoundRobin implements Strategy {
  private cursor = 0;
  private readonly targets: readonly Target[];

  constructor(targets: readonly Target[]) {
    this.targets = targets;
  }

  pick(): Target | null {
    const targets = this.targets;
    const n = targets.length;
    for (let i = 0; i < n; i++) {
      const target = targets[this.cursor]!;
      this.cursor = this.cursor + 1 === n ? 0 : this.cursor + 1;
      if (target.up) return target;
    }
    return null;
  }

  retry(_res: LbResponse, failed: Target): Target | null {
    return nextUp(this.targets, failed.index + 1, failed);
  }
}

/** First up target at or after `start` (wrapping), never `exclude`. */
export function nextUp(targets: readonly Target[], start: number, exclude?: Target): Target | null {
  const n = targets.length;
  for (let i = 0; i < n; i++) {
    const target = targets[(start + i) % n]!;
    if (target.up && target !== exclude) return target;
  }
  return null;
}
