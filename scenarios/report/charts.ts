import type { Report, RunResult, ScenarioName } from '../types.ts';
import { lookup, num, percent, shortRunLabel } from './format.ts';
import { barChart } from './svg-bar.ts';
import { FAIL_COLOR, OK_COLOR, PALETTE, THEORY_COLOR } from './svg-common.ts';
import { type LineSeries, lineChart } from './svg-line.ts';
import { timelineChart } from './svg-timeline.ts';

/** Runs that have something (a result or a skip) for this scenario, and their axis labels. */
function runsFor(report: Report, name: ScenarioName): { runs: RunResult[]; labels: string[] } {
  const runs = report.results.filter((run) => lookup(run, name).kind !== 'missing');
  const labels = runs.map((run) =>
    run.nodes === report.config.nodes ? shortRunLabel(run) : `${shortRunLabel(run)} ×${run.nodes}`,
  );
  return { runs, labels };
}

/** Per-run values for a bar series; skipped runs become null ("skipped" on the chart). */
function values<K extends ScenarioName>(
  runs: RunResult[],
  name: K,
  pick: (value: never) => number,
): (number | null)[] {
  return runs.map((run) => {
    const found = lookup(run, name);
    return found.kind === 'ok' ? pick(found.value as never) : null;
  });
}

const micro = (v: number) => num(v, v < 10 && v % 1 !== 0 ? 1 : 0);

function relogin(report: Report): string[] {
  const { runs, labels } = runsFor(report, 'relogin');
  const markers = runs.map((run) => {
    const found = lookup(run, 'relogin');
    return found.kind === 'ok' ? found.value.expectedRate : undefined;
  });
  return [
    barChart({
      title: 'Re-login failure rate by mode',
      categories: labels,
      series: [
        {
          name: 'measured',
          values: values(runs, 'relogin', (v: { failureRate: number }) => v.failureRate),
          color: FAIL_COLOR,
        },
      ],
      markers,
      markerLabel: 'expected',
      format: percent,
      yMax: 1,
    }),
  ];
}

function load(report: Report): string[] {
  const { runs, labels } = runsFor(report, 'load');
  type L = { fixedRate: { latencyMs: { p50: number; p99: number } }; cpuMicrosPerRequest: number };
  type S = { storeOpsPerRequest: number; bytesPerRequest: { sent: number; received: number } };
  return [
    barChart({
      title: 'Latency at a fixed offered rate (ms)',
      categories: labels,
      series: [
        { name: 'p50', values: values(runs, 'load', (v: L) => v.fixedRate.latencyMs.p50) },
        { name: 'p99', values: values(runs, 'load', (v: L) => v.fixedRate.latencyMs.p99) },
      ],
      format: (v) => num(v, 1),
    }),
    barChart({
      title: 'Node CPU per request (µs)',
      categories: labels,
      series: [{ name: 'CPU µs/req', values: values(runs, 'load', (v: L) => v.cpuMicrosPerRequest) }],
      format: micro,
    }),
    barChart({
      title: 'Store operations per request',
      categories: labels,
      series: [
        { name: 'ops/req', values: values(runs, 'load', (v: S) => v.storeOpsPerRequest), color: PALETTE[3] },
      ],
      format: (v) => num(v, 2),
    }),
  ];
}

function tokenSize(report: Report): string[] {
  const { runs, labels } = runsFor(report, 'token-size');
  type T = { credentialBytes: number; requestHeaderBytes: number };
  return [
    barChart({
      title: 'Bytes per request: credential and all request headers',
      categories: labels,
      series: [
        { name: 'credential bytes', values: values(runs, 'token-size', (v: T) => v.credentialBytes) },
        { name: 'request header bytes', values: values(runs, 'token-size', (v: T) => v.requestHeaderBytes) },
      ],
      format: (v) => num(v),
    }),
  ];
}

function revocation(report: Report): string[] {
  const { runs, labels } = runsFor(report, 'revocation');
  type R = { afterLogoutSeconds: number; stolenWorksSeconds: number };
  return [
    barChart({
      title: 'Seconds a credential keeps working',
      categories: labels,
      series: [
        { name: 'after logout', values: values(runs, 'revocation', (v: R) => v.afterLogoutSeconds) },
        {
          name: 'stolen copy (victim still logged in)',
          values: values(runs, 'revocation', (v: R) => v.stolenWorksSeconds),
        },
      ],
      format: (v) => num(v),
    }),
  ];
}

function timelines(report: Report, name: 'node-failure' | 'store-failure', what: string): string[] {
  const { runs, labels } = runsFor(report, name);
  type F = { sessionsLost: number; failedRequests: number };
  const charts: string[] = [
    barChart({
      title: `After the ${what}: sessions lost and failed requests`,
      categories: labels,
      series: [
        { name: 'sessions lost', values: values(runs, name, (v: F) => v.sessionsLost), color: FAIL_COLOR },
        {
          name: 'failed requests',
          values: values(runs, name, (v: F) => v.failedRequests),
          color: PALETTE[1],
        },
      ],
      format: (v) => num(v),
    }),
  ];
  runs.forEach((run, i) => {
    const found = lookup(run, name);
    if (found.kind !== 'ok') return;
    charts.push(
      timelineChart({
        title: `${labels[i]}: requests over time`,
        points: found.value.timeline,
        width: 460,
        height: 200,
      }),
    );
  });
  return charts;
}

function attacks(report: Report): string[] {
  const { runs, labels } = runsFor(report, 'attacks');
  type A = { tried: number; rejected: number };
  return [
    barChart({
      title: 'Forged credentials: tried vs rejected',
      categories: labels,
      series: [
        { name: 'tried', values: values(runs, 'attacks', (v: A) => v.tried), color: '#7f7f7f' },
        { name: 'rejected (401)', values: values(runs, 'attacks', (v: A) => v.rejected), color: OK_COLOR },
      ],
      format: (v) => num(v),
    }),
  ];
}

function scale(report: Report): string[] {
  const series: LineSeries[] = [];
  let nodeRange: number[] = [];
  report.results.forEach((run, i) => {
    const found = lookup(run, 'scale');
    if (found.kind !== 'ok') return;
    series.push({
      name: `${shortRunLabel(run)} measured`,
      points: found.value.points.map((p) => ({ x: p.nodes, y: p.failureRate })),
      color: PALETTE[i % PALETTE.length]!,
    });
    nodeRange = [...new Set([...nodeRange, ...found.value.points.map((p) => p.nodes)])];
  });
  if (series.length === 0) return [];
  // The theory line is drawn over every node count measured, even if only jwt ran.
  series.push({
    name: 'theory (N-1)/N, memory + round-robin',
    points: nodeRange.map((n) => ({ x: n, y: (n - 1) / n })),
    color: THEORY_COLOR,
    dashed: true,
  });
  return [
    lineChart({
      title: 'Re-login failure rate vs number of nodes',
      series,
      xLabel: 'nodes (N)',
      format: percent,
      yMax: 1,
    }),
  ];
}

/** The inline SVG charts for one scenario (empty when nothing ran). */
export function chartsFor(report: Report, name: ScenarioName): string[] {
  switch (name) {
    case 'relogin':
      return relogin(report);
    case 'load':
      return load(report);
    case 'token-size':
      return tokenSize(report);
    case 'revocation':
      return revocation(report);
    case 'node-failure':
      return timelines(report, 'node-failure', 'node kill');
    case 'store-failure':
      return timelines(report, 'store-failure', 'store outage');
    case 'attacks':
      return attacks(report);
    case 'scale':
      return scale(report);
  }
}
