import type { Translate } from '../../lib/i18n/index.ts';
import type {
  NodeFailureResult,
  Report,
  RunResult,
  ScenarioName,
  StoreFailureResult,
} from '../core/types.ts';
import { balancersCharts } from './charts-balancers.ts';
import { capacityCharts, lifetimesCharts } from './charts-capacity.ts';
import { keepaliveCharts } from './charts-keepalive.ts';
import { escapeHtml } from './escape.ts';
import { failureFigures } from './failure-words.ts';
import { lookup } from './lookup.ts';
import { barChart } from './svg-bar.ts';
import { FAIL_COLOR, OK_COLOR, PALETTE, THEORY_COLOR } from './svg-common.ts';
import { type LineSeries, lineChart } from './svg-line.ts';
import { type TimelineLabels, timelineChart } from './svg-timeline.ts';
import { num, percent, shortRunLabel } from './words.ts';

/** Runs that have something (a result or a skip) for this scenario, and their axis labels. */
function runsFor(report: Report, name: ScenarioName, t: Translate): { runs: RunResult[]; labels: string[] } {
  const runs = report.results.filter(
    (run) => run.skipped === undefined && lookup(run, name).kind !== 'missing',
  );
  const labels = runs.map((run) =>
    run.nodes === report.config.nodes ? shortRunLabel(run, t) : `${shortRunLabel(run, t)} ×${run.nodes}`,
  );
  return { runs, labels };
}

/** Per-run values for a bar series; skipped runs become null ("skipped" on the chart). */
function values<K extends ScenarioName>(
  runs: RunResult[],
  name: K,
  pick: (value: never) => number | undefined,
): (number | null)[] {
  return runs.map((run) => {
    const found = lookup(run, name);
    return found.kind === 'ok' ? (pick(found.value as never) ?? null) : null;
  });
}

const micro = (v: number) => num(v, v < 10 && v % 1 !== 0 ? 1 : 0);

function relogin(report: Report, t: Translate): string[] {
  const { runs, labels } = runsFor(report, 'relogin', t);
  const markers = runs.map((run) => {
    const found = lookup(run, 'relogin');
    return found.kind === 'ok' ? found.value.expectedRate : undefined;
  });
  return [
    barChart({
      title: t('report.chart.relogin'),
      categories: labels,
      series: [
        {
          name: t('report.legend.measured'),
          values: values(runs, 'relogin', (v: { failureRate: number }) => v.failureRate),
          color: FAIL_COLOR,
        },
      ],
      markers,
      markerLabel: t('report.legend.expected'),
      format: percent,
      yMax: 1,
      missingLabel: t('report.cell.skipped'),
    }),
  ];
}

type L = {
  spread?: {
    requestsPerSecond: { median: number };
    latencyMs: { p99: { median: number } };
    cpuMicrosPerRequest: { median: number };
  };
  storeOpsPerRequest: number;
};

function load(report: Report, t: Translate): string[] {
  const { runs, labels } = runsFor(report, 'load', t);
  const common = {
    categories: labels,
    missingLabel: t('report.cell.skipped'),
    rangeLabel: t('report.legend.range'),
  };
  return [
    barChart({
      ...common,
      title: t('report.chart.cpu'),
      series: [
        {
          name: t('report.legend.median'),
          values: values(runs, 'load', (v: L) => v.spread?.cpuMicrosPerRequest.median),
        },
      ],
      ranges: ranges(runs, (v) => v.cpuMicrosPerRequest),
      format: micro,
    }),
    barChart({
      ...common,
      title: t('report.chart.p99'),
      series: [
        {
          name: t('report.legend.median'),
          values: values(runs, 'load', (v: L) => v.spread?.latencyMs.p99.median),
        },
      ],
      ranges: ranges(runs, (v) => v.latencyMs.p99),
      format: (v) => num(v, 1),
    }),
    barChart({
      ...common,
      title: t('report.chart.store-ops'),
      series: [
        {
          name: t('report.legend.store-ops'),
          values: values(runs, 'load', (v: L) => v.storeOpsPerRequest),
          color: PALETTE[3],
        },
      ],
      format: (v) => num(v, 2),
    }),
  ];
}

type SpreadSet = NonNullable<import('../core/types.ts').LoadResult['spread']>;
/** min–max whiskers for each run's bar. */
function ranges(runs: RunResult[], pick: (s: SpreadSet) => { min: number; max: number }) {
  return runs.map((run) => {
    const found = lookup(run, 'load');
    return found.kind === 'ok' && found.value.spread ? pick(found.value.spread) : undefined;
  });
}

function tokenSize(report: Report, t: Translate): string[] {
  const { runs, labels } = runsFor(report, 'token-size', t);
  type T = { credentialBytes: number; requestHeaderBytes: number };
  return [
    barChart({
      title: t('report.chart.bytes'),
      categories: labels,
      missingLabel: t('report.cell.skipped'),
      series: [
        {
          name: t('report.legend.credential-bytes'),
          values: values(runs, 'token-size', (v: T) => v.credentialBytes),
        },
        {
          name: t('report.legend.header-bytes'),
          values: values(runs, 'token-size', (v: T) => v.requestHeaderBytes),
        },
      ],
      format: (v) => num(v),
    }),
  ];
}

function revocation(report: Report, t: Translate): string[] {
  const { runs, labels } = runsFor(report, 'revocation', t);
  type R = {
    afterLogout?: { seconds: number };
    stolenAccess?: { seconds: number };
    stolenRefresh?: { seconds: number };
  };
  return [
    barChart({
      title: t('report.chart.revocation'),
      categories: labels,
      missingLabel: t('report.cell.skipped'),
      series: [
        {
          name: t('report.legend.after-logout'),
          values: values(runs, 'revocation', (v: R) => v.afterLogout?.seconds),
        },
        {
          name: t('report.legend.stolen-access'),
          values: values(runs, 'revocation', (v: R) => v.stolenAccess?.seconds),
        },
        {
          name: t('report.legend.stolen-refresh'),
          values: values(runs, 'revocation', (v: R) => v.stolenRefresh?.seconds),
          color: PALETTE[3],
        },
      ],
      format: (v) => num(v, v < 10 && v % 1 !== 0 ? 1 : 0),
    }),
  ];
}

function timelineLabels(t: Translate, name: 'node-failure' | 'store-failure'): TimelineLabels {
  return {
    ok: t('report.legend.ok'),
    failed: t('report.legend.failed'),
    seconds: t('report.legend.seconds'),
    fault: t(name === 'node-failure' ? 'report.legend.node-down' : 'report.legend.store-down'),
    kill: t('report.legend.node-killed'),
    noData: t('report.legend.no-data'),
    lane: (kind, totals) => t('report.legend.lane', { kind, ok: num(totals.ok), failed: num(totals.failed) }),
    kinds: {
      access: t('report.kind.access'),
      refresh: t('report.kind.refresh'),
      login: t('report.kind.login'),
      all: t('report.kind.all'),
    },
  };
}

/** One card per run: its timeline and, beside it, its derived figures with their definitions. */
function timelines(report: Report, name: 'node-failure' | 'store-failure', t: Translate): string[] {
  const { runs, labels } = runsFor(report, name, t);
  const cards: string[] = [];
  runs.forEach((run, i) => {
    const found = lookup(run, name);
    if (found.kind !== 'ok') return;
    const result = found.value as NodeFailureResult | StoreFailureResult;
    const chart = timelineChart({
      title: t('report.chart.timeline', { run: labels[i]! }),
      points: result.timeline,
      ...(result.bucketSeconds !== undefined && { bucketSeconds: result.bucketSeconds }),
      ...(result.fault !== undefined && { fault: result.fault }),
      labels: timelineLabels(t, name),
    });
    const figures = failureFigures(result, name, t)
      .map((f) => {
        const symbol = f.tone === 'bad' ? '✗ ' : f.tone === 'warn' ? '⚠ ' : f.tone === 'good' ? '✓ ' : '';
        return `<dt class="${f.tone}">${symbol}${escapeHtml(f.term)}: ${escapeHtml(f.value)}</dt><dd>${escapeHtml(f.text)}</dd>`;
      })
      .join('');
    cards.push(`<div class="fail-card">${chart}<dl>${figures}</dl></div>`);
  });
  return cards;
}

function attacks(report: Report, t: Translate): string[] {
  const { runs, labels } = runsFor(report, 'attacks', t);
  type A = { tried: number; rejected: number };
  return [
    barChart({
      title: t('report.chart.attacks'),
      categories: labels,
      missingLabel: t('report.cell.skipped'),
      series: [
        {
          name: t('report.legend.tried'),
          values: values(runs, 'attacks', (v: A) => v.tried),
          color: '#7f7f7f',
        },
        {
          name: `✓ ${t('report.legend.rejected')}`,
          values: values(runs, 'attacks', (v: A) => v.rejected),
          color: OK_COLOR,
        },
      ],
      format: (v) => num(v),
    }),
  ];
}

function scale(report: Report, t: Translate): string[] {
  const rates: LineSeries[] = [];
  const cpu: LineSeries[] = [];
  let nodeRange: number[] = [];
  report.results.forEach((run, i) => {
    const found = lookup(run, 'scale');
    if (found.kind !== 'ok') return;
    const color = PALETTE[i % PALETTE.length]!;
    const name = shortRunLabel(run, t);
    rates.push({
      name: t('report.legend.series-measured', { run: name }),
      points: found.value.points.map((p) => ({ x: p.nodes, y: p.failureRate })),
      color,
    });
    cpu.push({
      name,
      points: found.value.points.map((p) => ({ x: p.nodes, y: p.cpuMicrosPerRequest })),
      color,
    });
    nodeRange = [...new Set([...nodeRange, ...found.value.points.map((p) => p.nodes)])];
  });
  if (rates.length === 0) return [];
  // The theory line is drawn over every node count measured, even if only jwt ran.
  rates.push({
    name: t('report.legend.theory'),
    points: nodeRange.map((n) => ({ x: n, y: (n - 1) / n })),
    color: THEORY_COLOR,
    dashed: true,
  });
  return [
    lineChart({
      title: t('report.chart.scale'),
      series: rates,
      xLabel: t('report.legend.nodes'),
      format: percent,
      yMax: 1,
    }),
    lineChart({
      title: t('report.chart.scale-cpu'),
      series: cpu,
      xLabel: t('report.legend.nodes'),
      format: micro,
      caption: t('report.scale.cpu-caveat', { cores: report.machine.cores ?? report.machine.cpus }),
    }),
  ];
}

/** The inline SVG charts (and failure cards) for one scenario (empty when nothing ran). */
export function chartsFor(report: Report, name: ScenarioName, t: Translate): string[] {
  switch (name) {
    case 'relogin':
      return relogin(report, t);
    case 'load':
      return load(report, t);
    case 'token-size':
      return tokenSize(report, t);
    case 'revocation':
      return revocation(report, t);
    case 'node-failure':
      return timelines(report, 'node-failure', t);
    case 'store-failure':
      return timelines(report, 'store-failure', t);
    case 'attacks':
      return attacks(report, t);
    case 'scale':
      return scale(report, t);
    case 'capacity':
      return capacityCharts(report, t);
    case 'lifetimes':
      return lifetimesCharts(report, t);
    case 'keepalive':
      return keepaliveCharts(report, t);
    case 'balancers':
      return balancersCharts(report, t);
    default:
      return [];
  }
}
