import { BenchUsageError } from '../usage-error.ts';

/** `npm run bench -- peers [--rounds 3] [--seconds 5] [--rate 1000] [--connections 16] [--verifies 20000] [--out DIR] [--only …]` */
export interface PeersOptions {
  rounds: number;
  /** Seconds of one measured phase (one target, one round). */
  seconds: number;
  /** Offered rate of every phase, requests per second. */
  rate: number;
  connections: number;
  /** JWT verifies per verifier and round in the in-process microbench. */
  verifies: number;
  /** Folder for peers.{md,json,svg}; default reports/bench-peers-<timestamp>. */
  out?: string;
  /** Unmeasured load per server before the rounds (default: 3000 requests' worth, 1–5 s). */
  warmUpSeconds?: number;
  /** Unmeasured load just before each measured phase (default 1 s; see run-peers.ts). */
  leadInSeconds?: number;
  /** Only the servers whose name contains one of these comma-separated words (development runs). */
  only?: string[];
}

export const PEERS_USAGE =
  'usage: npm run bench -- peers [--rounds N≥1] [--seconds S>0] [--rate R>0] [--connections N≥1] [--verifies N≥1] [--out DIR] [--only WORD,WORD]';

const NUMERIC = {
  rounds: 'integer',
  seconds: 'number',
  rate: 'number',
  connections: 'integer',
  verifies: 'integer',
} as const;

/** A bad option: one line naming it and the usage; bench/main.ts prints it and exits 2. */
export class PeersUsageError extends BenchUsageError {}

export function parsePeersArgs(args: string[]): PeersOptions {
  const options: PeersOptions = { rounds: 3, seconds: 5, rate: 1000, connections: 16, verifies: 20_000 };
  for (let i = 0; i < args.length; i += 2) {
    const key = args[i]?.replace(/^--/, '') ?? '';
    const text = args[i + 1];
    if (text === undefined) throw new PeersUsageError(`${args[i]} needs a value; ${PEERS_USAGE}`);
    if (key === 'out') {
      options.out = text;
      continue;
    }
    if (key === 'only') {
      options.only = text.split(',').filter(Boolean);
      continue;
    }
    if (!(key in NUMERIC)) throw new PeersUsageError(`unknown option ${args[i]}; ${PEERS_USAGE}`);
    const value = Number(text);
    const kind = NUMERIC[key as keyof typeof NUMERIC];
    if (!Number.isFinite(value) || value <= 0 || (kind === 'integer' && !Number.isInteger(value))) {
      throw new PeersUsageError(`--${key} must be a positive ${kind} (got "${text}"); ${PEERS_USAGE}`);
    }
    options[key as keyof typeof NUMERIC] = value;
  }
  return options;
}
