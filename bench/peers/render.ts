import type { Spread } from '../../scenarios/core/types.ts';
import { barChart } from '../../scenarios/report/svg-bar.ts';
import { type PeersReport, pairedRatios } from './summary.ts';
import { FLOOR_REDIS } from './targets.ts';

/** peers.md and peers.svg from a PeersReport (the bench API returns data; these only format it). */
const range = (s: Spread, unit = '') => `${s.median}${unit} (${s.min}–${s.max})`;
const load = (values: number[]) => values.map((v) => v.toFixed(2)).join(' ');

/** The median of the round-by-round ratios to the floor with one GET (summary.ts, pairedRatios). */
function timesFloor(cpu: Spread, floor: Spread | undefined): string {
  const ratio = floor && pairedRatios(cpu, floor);
  return ratio ? `${ratio.median.toFixed(2)}×` : '-';
}

function table(header: string[], lines: string[][]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...lines.map((l) => `| ${l.join(' | ')} |`),
  ];
}

export function peersMarkdown(report: PeersReport): string {
  const { options } = report;
  const floor = report.rows.find((r) => r.name === FLOOR_REDIS)?.cpuMicrosPerRequest;
  const rows = report.rows.map((row) => [
    row.name,
    range(row.cpuMicrosPerRequest),
    timesFloor(row.cpuMicrosPerRequest, floor),
    range(row.p50Ms),
    range(row.p99Ms),
    row.redisCommandsPerRequest.median.toFixed(2),
    row.kind === 'floor' ? '-' : String(row.loggedIn),
    String(row.failed),
  ]);
  const verify = report.jwtVerify.map((v) => [v.name, range(v.microsPerVerify)]);
  const checks = report.checks.map((c) => [c.what, c.measured, c.target, c.pass ? 'PASS' : 'MISS']);
  return [
    '# Store cost beside the peers (measured)',
    '',
    `GET /api/me at a fixed ${options.rate} req/s over ${options.connections} connections, ${options.rounds} interleaved rounds of ${options.seconds} s per server; ` +
      `each server is its own process; CPU from /proc (scheduler time of all its threads); latency from each request's due time; ` +
      `Redis commands from INFO commandstats. Median (min–max) over rounds; the rounds visit the servers in the order below and back, and ratios are taken round by round. ${report.cores} cores; load average before ${load(report.loadBefore)}, after ${load(report.loadAfter)}. Started ${report.startedAt}.`,
    '',
    ...table(
      [
        'server',
        'CPU µs/req',
        '× floor+GET (by round)',
        'p50 ms',
        'p99 ms',
        'Redis cmds/req',
        'users logged in',
        'failed',
      ],
      rows,
    ),
    '',
    `JWT verify, in process, CPU µs per verify of the same access token (${options.verifies} verifies per round, ${options.rounds} rounds):`,
    '',
    ...table(['verifier', 'CPU µs/verify'], verify),
    '',
    ...table(['target', 'measured', 'target', 'result'], checks),
    '',
  ].join('\n');
}

export function peersChart(report: PeersReport): string {
  return barChart({
    title: `CPU µs per GET /api/me at ${report.options.rate} req/s (median, min–max over ${report.options.rounds} rounds)`,
    categories: report.rows.map((r) => r.short),
    series: [{ name: 'CPU µs/req', values: report.rows.map((r) => r.cpuMicrosPerRequest.median) }],
    ranges: report.rows.map((r) => ({ min: r.cpuMicrosPerRequest.min, max: r.cpuMicrosPerRequest.max })),
    rangeLabel: 'min–max',
    width: 960,
    height: 320,
  });
}
