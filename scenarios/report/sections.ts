import type { Report, RunResult, ScenarioName } from '../types.ts';
import { SCENARIO_NAMES } from '../types.ts';
import { CLAIMS, type ScenarioClaim } from './claims.ts';
import { type Lookup, lookup, num, percent, runLabel, seconds } from './format.ts';

/** One scenario's figures as a plain table, shared by the Markdown and HTML renderers. */
export interface Section {
  name: ScenarioName;
  claim: ScenarioClaim;
  headers: string[];
  rows: string[][];
  /** `run: reason` for every run that skipped this scenario. */
  skipped: string[];
  /** No run produced a result or a skip for this scenario. */
  notRun: boolean;
}

type Rows<K extends ScenarioName> = (
  value: Extract<Lookup<K>, { kind: 'ok' }>['value'],
  run: RunResult,
) => string[][];

function build<K extends ScenarioName>(report: Report, name: K, headers: string[], rows: Rows<K>): Section {
  const section: Section = { name, claim: CLAIMS[name], headers, rows: [], skipped: [], notRun: true };
  for (const run of report.results) {
    const found = lookup(run, name);
    if (found.kind === 'missing') continue;
    section.notRun = false;
    if (found.kind === 'skipped') {
      section.skipped.push(`${runLabel(run)}: ${found.reason}`);
      section.rows.push([runLabel(run), `skipped: ${found.reason}`, ...headers.slice(2).map(() => '')]);
      continue;
    }
    section.rows.push(...rows(found.value as never, run));
  }
  return section;
}

const yesNo = (value: boolean | undefined) => (value === undefined ? '–' : value ? 'yes' : 'no');

export function buildSections(report: Report): Section[] {
  const sections: Record<ScenarioName, Section> = {
    relogin: build(
      report,
      'relogin',
      ['run', 'users', 'requests', 'failures', 'failure rate', 'expected (N-1)/N or 0', 'served by'],
      (v, run) => [
        [
          runLabel(run),
          num(v.users),
          num(v.requests),
          num(v.failures),
          percent(v.failureRate),
          percent(v.expectedRate),
          Object.entries(v.servedBy)
            .map(([node, count]) => `${node}: ${count}`)
            .join(', '),
        ],
      ],
    ),
    load: build(
      report,
      'load',
      [
        'run',
        'offered → achieved req/s',
        'p50 / p90 / p99 ms (fixed rate)',
        'max req/s',
        'p99 ms (max rate)',
        'errors / non-2xx',
        'CPU µs/req',
        'store ops/req',
        'bytes/req sent / received',
      ],
      (v, run) => [
        [
          runLabel(run),
          `${num(v.fixedRate.offered)} → ${num(v.fixedRate.achieved)}`,
          `${num(v.fixedRate.latencyMs.p50, 1)} / ${num(v.fixedRate.latencyMs.p90, 1)} / ${num(v.fixedRate.latencyMs.p99, 1)}`,
          num(v.maxRate.requestsPerSecond),
          num(v.maxRate.latencyMs.p99, 1),
          `${num(v.fixedRate.errors + v.maxRate.errors)} / ${num(v.fixedRate.non2xx + v.maxRate.non2xx)}`,
          num(v.cpuMicrosPerRequest),
          num(v.storeOpsPerRequest, 2),
          `${num(v.bytesPerRequest.sent)} / ${num(v.bytesPerRequest.received)}`,
        ],
      ],
    ),
    'token-size': build(
      report,
      'token-size',
      ['run', 'credential', 'credential bytes', 'request header bytes', 'MB per million requests', 'decoded'],
      (v, run) => [
        [
          runLabel(run),
          v.credentialKind,
          num(v.credentialBytes),
          num(v.requestHeaderBytes),
          num(v.megabytesPerMillionRequests, 1),
          v.decoded ? `${JSON.stringify(v.decoded.header)} ${JSON.stringify(v.decoded.payload)}` : '–',
        ],
      ],
    ),
    revocation: build(
      report,
      'revocation',
      [
        'run',
        'works after logout',
        'stolen credential works',
        'stopped by',
        'refresh rotated',
        'reuse detected',
      ],
      (v, run) => [
        [
          runLabel(run),
          seconds(v.afterLogoutSeconds),
          seconds(v.stolenWorksSeconds),
          v.stoppedBy,
          yesNo(v.refresh?.rotated),
          v.refresh
            ? `${yesNo(v.refresh.reuseDetected)} (family revoked: ${yesNo(v.refresh.familyRevoked)})`
            : '–',
        ],
      ],
    ),
    'node-failure': build(
      report,
      'node-failure',
      [
        'run',
        'sessions before',
        'sessions lost',
        're-logins forced',
        'failed / total requests',
        'until clean',
      ],
      (v, run) => [
        [
          runLabel(run),
          num(v.sessionsBefore),
          num(v.sessionsLost),
          num(v.reloginsForced),
          `${num(v.failedRequests)} / ${num(v.totalRequests)}`,
          seconds(v.secondsUntilClean),
        ],
      ],
    ),
    'store-failure': build(
      report,
      'store-failure',
      [
        'run',
        'failed / total requests',
        'recovered after',
        'sessions lost',
        'access ok during outage',
        'refresh failed during outage',
        'sentinel',
      ],
      (v, run) => [
        [
          runLabel(run),
          `${num(v.failedRequests)} / ${num(v.totalRequests)}`,
          seconds(v.secondsToRecover),
          num(v.sessionsLost),
          num(v.accessOkDuringOutage),
          num(v.refreshFailedDuringOutage),
          yesNo(v.sentinel),
        ],
      ],
    ),
    attacks: build(report, 'attacks', ['run', 'tried', 'rejected', 'not rejected'], (v, run) => [
      [
        runLabel(run),
        num(v.tried),
        num(v.rejected),
        v.cases
          .filter((c) => !c.rejected)
          .map((c) => `${c.name} (${c.status}${c.code ? ` ${c.code}` : ''})`)
          .join(', ') || 'none',
      ],
    ]),
    scale: build(report, 'scale', ['run', 'nodes', 'failure rate', 'expected', 'CPU µs/req'], (v, run) =>
      v.points.map((p) => [
        `${run.mode} · ${run.strategy}`,
        num(p.nodes),
        percent(p.failureRate),
        percent(p.expectedRate),
        num(p.cpuMicrosPerRequest),
      ]),
    ),
  };
  return SCENARIO_NAMES.map((name) => sections[name]);
}
