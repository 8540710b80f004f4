import type { MessageKey, Translate } from '../../lib/i18n/index.ts';
import type { Report, RunResult, ScenarioName } from '../types.ts';
import { SCENARIO_NAMES } from '../types.ts';
import { attackRows } from './attack-words.ts';
import { type Claim, claimFor } from './claims.ts';
import { type Definition, failureDefinitions, timelineTotals } from './failure-words.ts';
import { floorNotes } from './floor-words.ts';
import { type Lookup, lookup } from './lookup.ts';
import { noiseVerdicts, verdictLine } from './noise.ts';
import { revocationRows, revocationSettings } from './revocation-words.ts';
import { balancerName, balancersSection } from './section-balancers.ts';
import { capacitySection, lifetimesSection } from './section-capacity.ts';
import { keepaliveSection } from './section-keepalive.ts';
import { num, percent, runLabel, servedByCell, skipReason } from './words.ts';

/** One scenario's figures as a plain table, shared by the Markdown and HTML renderers. */
export interface Section {
  name: ScenarioName;
  claim: Claim;
  headers: string[];
  rows: string[][];
  /** `run: reason` for every run that skipped this scenario. */
  skipped: string[];
  /** Derived figures, each defined in one sentence and coloured by what it means. */
  definitions: Definition[];
  /** Sentences under the table (noise verdicts, settings, caveats). */
  notes: string[];
  /** No run produced a result or a skip for this scenario. */
  notRun: boolean;
}

type Value<K extends ScenarioName> = Extract<Lookup<K>, { kind: 'ok' }>['value'];
type Rows<K extends ScenarioName> = (value: Value<K>, run: RunResult) => string[][];

export function build<K extends ScenarioName>(
  report: Report,
  t: Translate,
  name: K,
  headerKeys: MessageKey[],
  rows: Rows<K>,
): Section {
  const section: Section = {
    name,
    claim: claimFor(name, t),
    headers: headerKeys.map((key) => t(key)),
    rows: [],
    skipped: [],
    definitions: [],
    notes: [],
    notRun: true,
  };
  for (const run of report.results) {
    const found = lookup(run, name);
    if (found.kind === 'missing') continue;
    section.notRun = false;
    // A run that never started is named once (headline, summary), not in every section.
    if (run.skipped !== undefined) continue;
    if (found.kind === 'skipped') {
      section.skipped.push(`${runLabel(run, t)}: ${skipReason(found.reason, t)}`);
      continue;
    }
    section.rows.push(...rows(found.value as never, run));
  }
  return section;
}

const yesNo = (t: Translate, value: boolean | undefined) =>
  value === undefined ? '–' : t(value ? 'report.cell.yes' : 'report.cell.no');
const spread = (s: { median: number; min: number; max: number } | undefined, digits: number) =>
  s ? `${num(s.median, digits)} (${num(s.min, digits)}–${num(s.max, digits)})` : '–';
const failedOf = (c: { ok: number; failed: number }) => `${num(c.failed)} / ${num(c.ok + c.failed)}`;

/** Which balancer(s) the load runs went through: req/s and latency include its cost, node CPU does not. */
function loadHeadlineNote(report: Report, t: Translate): string {
  const names = new Set(
    report.results
      .filter((run) => lookup(run, 'load').kind === 'ok')
      .map((run) => balancerName(run.balancer ?? 'builtin', t)),
  );
  return t('report.load.headline', { balancers: [...names].join(', ') || t('report.balancer.builtin') });
}

function sectionsFor(report: Report, t: Translate): Record<ScenarioName, Section> {
  const label = (run: RunResult) => runLabel(run, t);
  const load = build(
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
        label(run),
        num(v.rounds?.length ?? 1),
        spread(v.spread?.cpuMicrosPerRequest, 0),
        spread(v.spread?.requestsPerSecond, 0),
        spread(v.spread?.latencyMs.p99, 1),
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
  if (!load.notRun) load.notes.push(t('report.load.how'));

  const revocation = build(
    report,
    t,
    'revocation',
    [
      'report.col.run',
      'report.col.credential-case',
      'report.col.measured-seconds',
      'report.col.stopped-by',
      'report.col.run-setting',
      'report.col.production',
    ],
    (v, run) => revocationRows(v, t).map((row) => [label(run), ...row]),
  );
  revocation.notes.push(...revocationSettings(report, t));

  const nodeFailure = build(
    report,
    t,
    'node-failure',
    [
      'report.col.run',
      'report.col.sessions-before',
      'report.col.sessions-lost',
      'report.col.relogins',
      'report.col.failed-total',
      'report.col.access',
      'report.col.refresh',
      'report.col.login',
      'report.col.until-clean',
    ],
    (v, run) => {
      const totals = timelineTotals(v.timeline);
      return [
        [
          label(run),
          num(v.sessionsBefore),
          num(v.sessionsLost),
          num(v.reloginsForced),
          failedOf(totals.all),
          failedOf(totals.access),
          failedOf(totals.refresh),
          failedOf(totals.login),
          t('report.unit.seconds', { n: v.secondsUntilClean.toFixed(1) }),
        ],
      ];
    },
  );
  nodeFailure.definitions.push(...failureDefinitions(report, 'node-failure', t));

  const storeFailure = build(
    report,
    t,
    'store-failure',
    [
      'report.col.run',
      'report.col.failed-total',
      'report.col.access',
      'report.col.refresh',
      'report.col.login',
      'report.col.recovered',
      'report.col.failing-for',
      'report.col.sessions-lost',
      'report.col.families-lost',
      'report.col.sentinel',
    ],
    (v, run) => {
      const totals = timelineTotals(v.timeline);
      return [
        [
          label(run),
          failedOf(totals.all),
          failedOf(totals.access),
          failedOf(totals.refresh),
          failedOf(totals.login),
          t('report.unit.seconds', { n: v.secondsToRecover.toFixed(1) }),
          v.failingSeconds === undefined ? '–' : t('report.unit.seconds', { n: v.failingSeconds.toFixed(1) }),
          num(v.sessionsLost),
          num(v.refreshFamiliesLost),
          yesNo(t, v.sentinel),
        ],
      ];
    },
  );
  storeFailure.definitions.push(...failureDefinitions(report, 'store-failure', t));

  return {
    relogin: build(
      report,
      t,
      'relogin',
      [
        'report.col.run',
        'report.col.users',
        'report.col.requests',
        'report.col.failures',
        'report.col.failure-rate',
        'report.col.expected-rate',
        'report.col.served-by',
      ],
      (v, run) => [
        [
          label(run),
          num(v.users),
          num(v.requests),
          num(v.failures),
          percent(v.failureRate),
          percent(v.expectedRate),
          servedByCell(v.servedBy),
        ],
      ],
    ),
    load,
    'token-size': build(
      report,
      t,
      'token-size',
      [
        'report.col.run',
        'report.col.credential',
        'report.col.credential-bytes',
        'report.col.header-bytes',
        'report.col.mb-per-million',
        'report.col.decoded',
      ],
      (v, run) => [
        [
          label(run),
          t(v.credentialKind === 'cookie' ? 'report.cell.cookie-long' : 'report.cell.bearer-long'),
          num(v.credentialBytes),
          num(v.requestHeaderBytes),
          num(v.megabytesPerMillionRequests, 1),
          v.decoded ? `${JSON.stringify(v.decoded.header)} ${JSON.stringify(v.decoded.payload)}` : '–',
        ],
      ],
    ),
    revocation,
    'node-failure': nodeFailure,
    'store-failure': storeFailure,
    attacks: build(
      report,
      t,
      'attacks',
      [
        'report.col.run',
        'report.col.attack',
        'report.col.attack-tries',
        'report.col.status',
        'report.col.code',
        'report.col.outcome',
      ],
      (v, run) => attackRows(v, t).map((row) => [label(run), ...row]),
    ),
    scale: build(
      report,
      t,
      'scale',
      [
        'report.col.run',
        'report.col.nodes',
        'report.col.failure-rate',
        'report.col.expected-rate',
        'report.col.cpu-at-n',
      ],
      (v, run) =>
        v.points.map((p) => [
          label(run),
          num(p.nodes),
          percent(p.failureRate),
          percent(p.expectedRate),
          num(p.cpuMicrosPerRequest),
        ]),
    ),
    capacity: capacitySection(report, t),
    lifetimes: lifetimesSection(report, t),
    keepalive: keepaliveSection(report, t),
    balancers: balancersSection(report, t),
  };
}

export function buildSections(report: Report, t: Translate): Section[] {
  const sections = sectionsFor(report, t);
  sections.scale.notes.push(
    t('report.scale.cpu-caveat', { cores: report.machine.cores ?? report.machine.cpus }),
  );
  const attacks = sections.attacks;
  if (!attacks.notRun) attacks.notes.push(t('report.attacks.meaning'));
  return SCENARIO_NAMES.map((name) => sections[name]);
}
