import type { Translate } from '../../lib/i18n/index.ts';
import type { Report } from '../core/types.ts';
import { lookup } from '../report/lookup.ts';
import { noiseVerdicts, verdictLine } from '../report/noise.ts';
import { buildSection, type Section, spreadCell } from '../report/section.ts';
import { balancerName, num, runLabel } from '../report/words.ts';
import { floorNotes } from './floor/words.ts';
import { storeLatencyDifferences } from './store-latency.ts';

/** Which balancer(s) the load runs went through: req/s and latency include its cost, node CPU does not. */
function loadHeadlineNote(report: Report, t: Translate): string {
  const names = new Set(
    report.results
      .filter((run) => lookup(run, 'load').kind === 'ok')
      .map((run) => balancerName(run.balancer ?? 'builtin', t)),
  );
  return t('report.load.headline', { balancers: [...names].join(', ') || t('report.balancer.builtin') });
}

const signed = (ms: number) => `${ms > 0 ? '+' : ''}${num(ms, 2)}`;

/** `--network shaped`: what the store link adds per request, measured against the theory. */
function storeLatencyNotes(report: Report, t: Translate): string[] {
  const rtt = report.network?.links?.store?.measuredRttMs;
  return storeLatencyDifferences(report).map((d) =>
    t('report.load.store-rtt', {
      rtt: num(rtt, 2),
      run: d.run,
      p50: signed(d.p50.median),
      p50min: signed(d.p50.min),
      p50max: signed(d.p50.max),
      p99: signed(d.p99.median),
      p99min: signed(d.p99.min),
      p99max: signed(d.p99.max),
      trips: d.roundTrips,
      what: t(d.run === 'redis' ? 'report.load.store-rtt.redis' : 'report.load.store-rtt.jwt-redis'),
      theory: num(d.theoryMs, 2),
      verdict: t(
        d.p50.min > d.theoryMs
          ? 'report.load.store-rtt.more'
          : d.p50.max < d.theoryMs
            ? 'report.load.store-rtt.less'
            : 'report.load.store-rtt.within',
      ),
    }),
  );
}

/** load: one row per run (median and min–max over the rounds), then the noise verdicts. */
export function loadSection(report: Report, t: Translate): Section {
  const load = buildSection(
    report,
    t,
    'load',
    [
      'report.col.run',
      'report.col.rounds',
      'report.col.cpu-spread',
      'report.col.rps-spread',
      'report.col.p99-spread',
      'report.col.p50-p90',
      'report.col.store-ops',
      'report.col.bytes',
      'report.col.errors',
    ],
    (v, run) => [
      [
        runLabel(run, t),
        num(v.rounds?.length ?? 1),
        spreadCell(v.spread?.cpuMicrosPerRequest, 0),
        spreadCell(v.spread?.requestsPerSecond, 0),
        spreadCell(v.spread?.latencyMs.p99, 1),
        `${num(v.fixedRate.latencyMs.p50, 1)} / ${num(v.fixedRate.latencyMs.p90, 1)}`,
        num(v.storeOpsPerRequest, 2),
        `${num(v.bytesPerRequest.sent)} / ${num(v.bytesPerRequest.received)}`,
        `${num(v.fixedRate.errors + v.maxRate.errors)} / ${num(v.fixedRate.non2xx + v.maxRate.non2xx)}`,
      ],
    ],
  );
  if (!load.notRun) load.notes.push(loadHeadlineNote(report, t));
  load.notes.push(...noiseVerdicts(report, t).map((verdict) => verdictLine(verdict, t)));
  if (!load.notRun) load.notes.push(...floorNotes(report, t));
  if (!load.notRun) load.notes.push(...storeLatencyNotes(report, t));
  if (!load.notRun) load.notes.push(t('report.load.how'));
  return load;
}
