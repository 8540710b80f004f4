/**
 * Watches a yes/no state of the system under test while a failure scenario runs (is a node's
 * circuit breaker open? is the balancer's target up?), by asking `probe` every `everyMs`, one
 * question at a time. Records each change with its time on performance.now()'s clock, so a scenario
 * can say how long after the fault the system noticed it, and how long after the heal it was back.
 * A probe that fails or answers undefined records nothing (the state is unknown, not changed).
 */
export interface StateChange {
  /** performance.now() when the new state was first seen. */
  at: number;
  state: boolean;
}

export interface StateWatch {
  stop(): Promise<StateChange[]>;
}

export function watchState(probe: () => Promise<boolean | undefined>, everyMs = 50): StateWatch {
  const changes: StateChange[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const due = performance.now() + everyMs;
      const state = await probe().catch(() => undefined);
      if (state !== undefined && changes.at(-1)?.state !== state) {
        changes.push({ at: performance.now(), state });
      }
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return changes;
    },
  };
}

/**
 * From a watch: ms from `fromAt` to the first change into `state`, and ms from `backAt` to the
 * first change out of it after that (both on performance.now()'s clock; undefined when not seen).
 */
export function noticedAndBack(
  changes: StateChange[],
  state: boolean,
  fromAt: number,
  backAt: number | undefined,
): { noticedAfterMs?: number; backAfterMs?: number } {
  const entered = changes.find((c) => c.state === state && c.at >= fromAt);
  if (!entered) return {};
  const left = changes.find((c) => c.state !== state && c.at > entered.at);
  const round = (ms: number) => Math.round(ms);
  return {
    noticedAfterMs: round(entered.at - fromAt),
    ...(left && backAt !== undefined && { backAfterMs: round(left.at - backAt) }),
  };
}

/** GET a URL with a deadline; the body as text, or undefined on any failure. */
export async function fetchText(url: string, timeoutMs = 3000): Promise<string | undefined> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    return await response.text();
  } catch {
    return undefined;
  }
}
