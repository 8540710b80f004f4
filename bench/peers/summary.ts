import { spreadOf } from '../../scenarios/core/spread.ts';
import type { Spread } from '../../scenarios/core/types.ts';
import type { VerifyRound } from './jwt-verify.ts';
import type { PeersOptions } from './options.ts';
import type { PhaseResult } from './phase.ts';
import {
  AUTHSCALE_JWT_CACHE,
  AUTHSCALE_JWT_REDIS,
  AUTHSCALE_REDIS,
  FLOOR_PLAIN,
  FLOOR_REDIS,
  type TargetSpec,
} from './targets.ts';

/** What `npm run bench -- peers` returns (and writes as peers.json). */
export interface PeersRow {
  name: string;
  short: string;
  kind: TargetSpec['kind'];
  /** Users whose login was proven before the rounds (0 for the floors). */
  loggedIn: number;
  cpuMicrosPerRequest: Spread;
  p50Ms: Spread;
  p99Ms: Spread;
  redisCommandsPerRequest: Spread;
  requests: number;
  failed: number;
}

export interface TargetCheck {
  what: string;
  /** The measured side, e.g. "1.07× the floor" or "max 61 < min 70". */
  measured: string;
  target: string;
  pass: boolean;
}

export interface PeersReport {
  startedAt: string;
  options: PeersOptions;
  cores: number;
  loadBefore: number[];
  loadAfter: number[];
  rows: PeersRow[];
  jwtVerify: { name: string; microsPerVerify: Spread }[];
  checks: TargetCheck[];
}

export function summarizeRow(spec: TargetSpec, loggedIn: number, phases: PhaseResult[]): PeersRow {
  return {
    name: spec.name,
    short: spec.short,
    kind: spec.kind,
    loggedIn,
    cpuMicrosPerRequest: spreadOf(phases.map((p) => p.cpuMicrosPerRequest)),
    p50Ms: spreadOf(
      phases.map((p) => p.p50Ms),
      2,
    ),
    p99Ms: spreadOf(
      phases.map((p) => p.p99Ms),
      2,
    ),
    redisCommandsPerRequest: spreadOf(
      phases.map((p) => p.redisCommandsPerRequest),
      2,
    ),
    requests: phases.reduce((sum, p) => sum + p.requests, 0),
    failed: phases.reduce((sum, p) => sum + p.failed, 0),
  };
}

export function summarizeVerify(rounds: VerifyRound[]): PeersReport['jwtVerify'] {
  return rounds.map((r) => ({ name: r.name, microsPerVerify: spreadOf(r.microsPerVerify, 2) }));
}

const cpu = (rows: PeersRow[], name: string) => rows.find((r) => r.name === name)?.cpuMicrosPerRequest;

/**
 * `mine ÷ base` round by round. The rounds visit the servers in the order of TARGETS and back
 * (run-peers.ts), so each compared pair is measured side by side in both orders: the machine's
 * drift from round to round (a third on an idle 2-core box) cancels out of each round's ratio.
 */
export function pairedRatios(mine: Spread, base: Spread): Spread | undefined {
  const ratios = mine.values.map((value, round) => value / (base.values[round] ?? Number.NaN));
  if (ratios.length === 0 || ratios.some((ratio) => !Number.isFinite(ratio))) return undefined;
  return spreadOf(ratios, 2);
}

const times = (ratio: Spread) =>
  `${ratio.median.toFixed(2)}× (${ratio.min.toFixed(2)}–${ratio.max.toFixed(2)}×)`;

function ratioCheck(rows: PeersRow[], name: string, floor: string, limit: number): TargetCheck | undefined {
  const [mine, base] = [cpu(rows, name), cpu(rows, floor)];
  const ratio = mine && base && pairedRatios(mine, base);
  if (!ratio) return undefined;
  return {
    what: `${name}: CPU per request ÷ ${floor}, round by round`,
    measured: `${times(ratio)}; medians ${mine.median} ÷ ${base.median} µs`,
    target: `median ≤ ${limit}×`,
    pass: ratio.median <= limit,
  };
}

/** Below a peer only when it is below in every round (never ranked inside the noise). */
function belowPeerCheck(rows: PeersRow[], name: string, peer: PeersRow): TargetCheck | undefined {
  const mine = cpu(rows, name);
  const ratio = mine && pairedRatios(mine, peer.cpuMicrosPerRequest);
  if (!ratio) return undefined;
  return {
    what: `${name} below ${peer.name} (CPU per request, round by round)`,
    measured: times(ratio),
    target: 'below in every round (max < 1×)',
    pass: ratio.max < 1,
  };
}

/** The bench's targets; the rows a run did not measure are left out. */
export function checkTargets(rows: PeersRow[]): TargetCheck[] {
  const peers = rows.filter((row) => row.kind === 'peer');
  const checks = [
    ratioCheck(rows, AUTHSCALE_REDIS, FLOOR_REDIS, 1.2),
    ...peers.map((peer) => belowPeerCheck(rows, AUTHSCALE_REDIS, peer)),
    ratioCheck(rows, AUTHSCALE_JWT_REDIS, FLOOR_REDIS, 1.3),
    ...peers.map((peer) => belowPeerCheck(rows, AUTHSCALE_JWT_REDIS, peer)),
    ratioCheck(rows, AUTHSCALE_JWT_CACHE, FLOOR_PLAIN, 1.1),
  ];
  return checks.filter((check): check is TargetCheck => check !== undefined);
}
