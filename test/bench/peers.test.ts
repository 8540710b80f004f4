import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { PeersUsageError, parsePeersArgs } from '../../bench/peers/options.ts';
import { peersChart, peersMarkdown } from '../../bench/peers/render.ts';
import { roundOrder, runPeers } from '../../bench/peers/run-peers.ts';
import { checkTargets, type PeersReport, type PeersRow, pairedRatios } from '../../bench/peers/summary.ts';
import {
  AUTHSCALE_JWT_CACHE,
  AUTHSCALE_JWT_REDIS,
  AUTHSCALE_REDIS,
  FLOOR_PLAIN,
  FLOOR_REDIS,
  startTarget,
  TARGETS,
} from '../../bench/peers/targets.ts';
import { livePids } from '../../cluster/processes.ts';
import { redisServerPath } from '../../lib/redis-server.ts';
import { spread } from '../../lib/stats/index.ts';

// Functional only: the bench runs end to end with tiny settings. No timing is asserted (targets
// live in the bench's PASS/MISS rows, never in tests).
const TINY = {
  rounds: 1,
  seconds: 0.5,
  rate: 100,
  connections: 2,
  verifies: 50,
  warmUpSeconds: 0.5,
  leadInSeconds: 0.3,
};

describe.skipIf(!redisServerPath())('npm run bench -- peers', () => {
  let report: PeersReport | undefined;

  it('measures every server with positive figures, after a real login on each', async () => {
    report = await runPeers(TINY);
    expect(report.rows.map((row) => row.name)).toEqual(TARGETS.map((target) => target.name));
    for (const row of report.rows) {
      expect(row.failed, row.name).toBe(0);
      expect(row.requests, row.name).toBeGreaterThan(0);
      // Only the measured phase counts: not the warm-up, not the lead-in before it.
      expect(row.requests, row.name).toBeLessThanOrEqual(TINY.rate * TINY.seconds * TINY.rounds + 1);
      expect(row.cpuMicrosPerRequest.median, row.name).toBeGreaterThan(0);
      expect(row.p50Ms.median, row.name).toBeGreaterThan(0);
      expect(row.p99Ms.median, row.name).toBeGreaterThanOrEqual(row.p50Ms.median);
      // A proven login per load connection on everything that has a login; none on the floors.
      expect(row.loggedIn, row.name).toBe(row.kind === 'floor' ? 0 : TINY.connections);
      const usesRedis = TARGETS.find((target) => target.name === row.name)!.redis;
      if (usesRedis) expect(row.redisCommandsPerRequest.median, row.name).toBeGreaterThanOrEqual(1);
      else expect(row.redisCommandsPerRequest.median, row.name).toBe(0);
    }
    expect(report.jwtVerify).toHaveLength(3);
    for (const verify of report.jwtVerify)
      expect(verify.microsPerVerify.median, verify.name).toBeGreaterThan(0);
    expect(report.checks.length).toBeGreaterThanOrEqual(5);
    expect(report.loadBefore).toHaveLength(3);
    // Every server it started is gone again.
    expect(livePids()).toEqual([]);
  }, 300_000);

  it('renders a table with every row and target, and a chart', () => {
    if (!report) throw new Error('the run above failed');
    const markdown = peersMarkdown(report);
    for (const row of report.rows) expect(markdown).toContain(`| ${row.name} |`);
    expect(markdown.match(/\| (PASS|MISS) \|/g)).toHaveLength(report.checks.length);
    expect(peersChart(report)).toMatch(/^<svg[\s\S]*<\/svg>$/);
  });
});

describe('bench peers targets', () => {
  it('fails at once, with the reason, when a server exits during start-up', async () => {
    // The floor with one GET and no Redis URL refuses to start (exit 2); the bench used to wait
    // out its 2-minute start timeout before saying so.
    const floor = TARGETS.find((target) => target.name === FLOOR_REDIS)!;
    await expect(startTarget(floor, '', 'unused')).rejects.toThrow(/exited during start-up[\s\S]*REDIS_URL/);
  }, 30_000);
});

describe('bench peers options', () => {
  it('refuses bad input with the usage', () => {
    expect(() => parsePeersArgs(['--rate', '0'])).toThrow(PeersUsageError);
    expect(() => parsePeersArgs(['--rounds', '1.5'])).toThrow(/--rounds must be a positive integer/);
    expect(() => parsePeersArgs(['--speed', '3'])).toThrow(/unknown option --speed/);
    expect(() => parsePeersArgs(['--seconds'])).toThrow(/--seconds needs a value/);
    expect(parsePeersArgs(['--only', 'floor,redis']).only).toEqual(['floor', 'redis']);
  });

  it('the CLI exits 2 on a bad option, naming it', () => {
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'bench/main.ts', 'peers', '--rate', 'fast'],
      {
        encoding: 'utf8',
      },
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--rate must be a positive number');
    const none = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'bench/main.ts', 'peers', '--only', 'nginx'],
      {
        encoding: 'utf8',
      },
    );
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('--only nginx matches no server');
  });
});

describe('bench peers: paired rounds', () => {
  const row = (name: string, kind: PeersRow['kind'], cpu: number[]): PeersRow => {
    const figures = spread(cpu, 1)!;
    return {
      name,
      short: name,
      kind,
      loggedIn: 0,
      cpuMicrosPerRequest: figures,
      p50Ms: figures,
      p99Ms: figures,
      redisCommandsPerRequest: figures,
      requests: 1,
      failed: 0,
    };
  };

  it('visits the servers forwards, then backwards', () => {
    expect(roundOrder(['a', 'b', 'c'], 1)).toEqual(['a', 'b', 'c']);
    expect(roundOrder(['a', 'b', 'c'], 2)).toEqual(['c', 'b', 'a']);
    expect(roundOrder(['a', 'b', 'c'], 3)).toEqual(['a', 'b', 'c']);
  });

  it('keeps each compared pair side by side in the visiting order', () => {
    const at = (name: string) => TARGETS.findIndex((target) => target.name === name);
    expect(Math.abs(at(AUTHSCALE_JWT_CACHE) - at(FLOOR_PLAIN))).toBe(1);
    expect(Math.abs(at(AUTHSCALE_REDIS) - at(FLOOR_REDIS))).toBe(1);
  });

  it('takes ratios round by round, so a drift that moves both sides cancels', () => {
    // The machine got 50 % slower in round 2: both sides moved, their ratio did not.
    const ratio = pairedRatios(spread([110, 165, 111], 1)!, spread([100, 150, 100], 1)!)!;
    expect(ratio.values).toEqual([1.1, 1.1, 1.11]);
    expect(ratio.median).toBe(1.1);
    expect(pairedRatios(spread([110], 1)!, spread([0], 1)!)).toBeUndefined();
  });

  it('ranks authscale below a peer only when it is below in every round', () => {
    const checks = (peerCpu: number[]) =>
      checkTargets([
        row(FLOOR_REDIS, 'floor', [100, 150, 100]),
        row(AUTHSCALE_REDIS, 'authscale', [110, 160, 115]),
        row('peer', 'peer', peerCpu),
      ]);
    const below = (peerCpu: number[]) => checks(peerCpu).find((check) => check.what.includes('below peer'))!;
    expect(below([150, 200, 140]).pass).toBe(true);
    expect(below([150, 155, 140]).pass).toBe(false);
    const floor = checks([150, 200, 140]).find((check) => check.what.startsWith(`${AUTHSCALE_REDIS}:`))!;
    expect(floor.measured).toMatch(/^1\.10× \(1\.07–1\.15×\)/);
    expect(floor.pass).toBe(true);
  });

  it('ranks jwt-redis against each peer the same way', () => {
    const checks = checkTargets([
      row(FLOOR_REDIS, 'floor', [100, 150, 100]),
      row(AUTHSCALE_JWT_REDIS, 'authscale', [105, 150, 110]),
      row('peer A', 'peer', [150, 200, 140]),
      row('peer B', 'peer', [150, 140, 140]),
    ]);
    const below = (peer: string) =>
      checks.find(
        (check) => check.what === `${AUTHSCALE_JWT_REDIS} below ${peer} (CPU per request, round by round)`,
      );
    expect(below('peer A')?.pass).toBe(true);
    expect(below('peer B')?.pass).toBe(false);
    expect(below('peer B')?.measured).toBe('0.79× (0.70–1.07×)');
  });
});
