import { parseArgs } from 'node:util';
import { parseDurationSeconds } from '../../lib/duration.ts';
import { BenchUsageError } from '../usage-error.ts';

export const USAGE =
  'usage: npm run bench -- balancer [--duration 20s] [--rounds 5] [--connections 50] [--warmup 3s] ' +
  '[--rows balancer,nginx] [--profile]';

export interface BalancerBenchOptions {
  /** Seconds of measured load per row, split over the rounds. */
  duration: number;
  connections: number;
  /** Seconds of load per row before the first round (0 = none). */
  warmup: number;
  /** Rows are measured in interleaved rounds so load from elsewhere hits every row alike. */
  rounds: number;
  profile: boolean;
  /** Row filter (`--rows balancer,nginx`): substrings of row names; all rows when empty. */
  rows: string[];
}

function seconds(flag: string, text: string | undefined, fallback: number, allowZero: boolean): number {
  if (text === undefined) return fallback;
  const value = parseDurationSeconds(text);
  if (value === undefined || value < 0 || (value === 0 && !allowZero)) {
    throw new BenchUsageError(`--${flag} must be a duration like 20s or 500ms (got "${text}"); ${USAGE}`);
  }
  return value;
}

function count(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < 1) {
    throw new BenchUsageError(`--${flag} must be a whole number ≥ 1 (got "${text}"); ${USAGE}`);
  }
  return value;
}

/** `npm run bench -- balancer …` arguments; a bad value throws BenchUsageError naming it. */
export function parseBalancerOptions(args: string[]): BalancerBenchOptions {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse(args).values;
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
    throw new BenchUsageError(`${message.replace(/\. To specify a positional argument.*$/, '')}; ${USAGE}`);
  }
  const rows = values.rows?.split(',').filter((row) => row !== '') ?? [];
  if (values.rows !== undefined && rows.length === 0) {
    throw new BenchUsageError(`--rows needs at least one row name (got "${values.rows}"); ${USAGE}`);
  }
  return {
    duration: seconds('duration', values.duration, 20, false),
    connections: count('connections', values.connections, 50),
    warmup: seconds('warmup', values.warmup, 3, true),
    rounds: count('rounds', values.rounds, 5),
    profile: values.profile ?? false,
    rows,
  };
}

function parse(args: string[]) {
  return parseArgs({
    args,
    strict: true,
    allowPositionals: false,
    options: {
      duration: { type: 'string' },
      connections: { type: 'string' },
      warmup: { type: 'string' },
      rounds: { type: 'string' },
      rows: { type: 'string' },
      profile: { type: 'boolean' },
    },
  });
}
