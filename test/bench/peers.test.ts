import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { PeersUsageError, parsePeersArgs } from '../../bench/peers/options.ts';
import { peersChart, peersMarkdown } from '../../bench/peers/render.ts';
import { runPeers } from '../../bench/peers/run-peers.ts';
import type { PeersReport } from '../../bench/peers/summary.ts';
import { TARGETS } from '../../bench/peers/targets.ts';
import { livePids } from '../../cluster/processes.ts';
import { redisServerPath } from '../../lib/redis-server.ts';

// Functional only: the bench runs end to end with tiny settings. No timing is asserted (targets
// live in the bench's PASS/MISS rows, never in tests).
const TINY = { rounds: 1, seconds: 0.5, rate: 100, connections: 2, verifies: 50, warmUpSeconds: 0.5 };

describe.skipIf(!redisServerPath())('npm run bench -- peers', () => {
  let report: PeersReport | undefined;

  it('measures every server with positive figures, after a real login on each', async () => {
    report = await runPeers(TINY);
    expect(report.rows.map((row) => row.name)).toEqual(TARGETS.map((target) => target.name));
    for (const row of report.rows) {
      expect(row.failed, row.name).toBe(0);
      expect(row.requests, row.name).toBeGreaterThan(0);
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
