import type { MessageKey, Translate } from '../../lib/i18n/index.ts';
import type { AuditReport, CredentialResult, ReplayWindow, Spread } from '../types.ts';
import { failureChart } from './failure-chart.ts';
import { isSkipped, percent } from './format.ts';

/** One measurement as the report shows it, in words of one language; md and html render the same. */
export interface AuditSection {
  id: string;
  title: string;
  theory: string;
  /** Every audit figure is observed; none is computed from a setting. */
  how: 'measured' | 'derived';
  headers: string[];
  rows: string[][];
  notes: string[];
  /** Rows (by index) that are findings: shown in red with ✗. */
  badRows?: number[];
  /** An inline SVG chart for report.html (report.md keeps the table). */
  svg?: string;
}

const yesNo = (value: boolean, t: Translate) => (value ? t('audit.yes') : t('audit.no'));

function relogin(report: AuditReport, t: Translate): AuditSection {
  const r = report.audit.relogin;
  return {
    id: 'relogin',
    title: t('audit.relogin.title'),
    theory: t('audit.relogin.theory', { poll: report.app.pollUrl }),
    how: 'measured',
    headers: [t('audit.col.replica'), t('audit.col.ok'), t('audit.col.failed')],
    rows: Object.entries(r.byReplica).map(([name, counts]) => [
      name,
      String(counts.ok),
      String(counts.failed),
    ]),
    notes: [
      t('audit.relogin.summary', {
        failed: r.failed,
        requests: r.requests,
        rate: percent(r.failureRate),
        expected: percent(r.expectedIfPerReplica),
      }),
      t('audit.relogin.direct', {
        sessions: r.direct.sessions,
        all: r.direct.knownByAllReplicas,
        one: r.direct.knownByOneReplica,
      }),
      t(`audit.relogin.verdict.${r.verdict}`),
    ],
  };
}

function credentialRows(c: CredentialResult, t: Translate): string[][] {
  const rows = [
    [
      t('audit.credential.kind'),
      t(c.kind === 'cookie' ? 'audit.credential.kind.cookie' : 'audit.credential.kind.header'),
    ],
    [t('audit.credential.names'), c.names.join(', ') || t('audit.none')],
    [t('audit.credential.bytes'), String(c.bytes)],
  ];
  if (c.kind === 'cookie') {
    const age = c.attributes.maxAgeSeconds;
    rows.push(
      [t('audit.credential.http-only'), yesNo(c.attributes.httpOnly, t)],
      [t('audit.credential.secure'), yesNo(c.attributes.secure, t)],
      [t('audit.credential.same-site'), c.attributes.sameSite ?? t('audit.none')],
      [
        t('audit.credential.max-age'),
        age === null ? t('audit.credential.session-cookie') : t('audit.credential.seconds', { seconds: age }),
      ],
    );
  }
  if (c.jwt) {
    rows.push(
      [t('audit.credential.jwt-header'), JSON.stringify(c.jwt.header)],
      [t('audit.credential.jwt-claims'), JSON.stringify(c.jwt.claims)],
      [
        t('audit.credential.jwt-lifetime'),
        c.jwt.lifetimeSeconds === null
          ? t('audit.none')
          : t('audit.credential.seconds', { seconds: c.jwt.lifetimeSeconds }),
      ],
    );
  }
  rows.push([
    t('audit.credential.client-side'),
    c.clientSideSession
      ? t('audit.credential.client-side.yes', { decoded: c.decodedAs ?? '' })
      : t('audit.credential.client-side.no'),
  ]);
  if (c.opaqueIdBits !== undefined) {
    rows.push([
      t('audit.credential.opaque'),
      t('audit.credential.opaque-bits', { length: c.opaqueIdLength ?? 0, bits: c.opaqueIdBits }),
    ]);
  }
  return rows;
}

function credential(report: AuditReport, t: Translate): AuditSection {
  const c = report.audit.credential;
  const notes: string[] = [];
  if (c.opaqueIdBits !== undefined && c.opaqueIdBits < 64) notes.push(t('audit.credential.weak-id'));
  if (c.kind === 'header') notes.push(t('audit.credential.header-note'));
  return {
    id: 'credential',
    title: t('audit.credential.title'),
    theory: t('audit.credential.theory'),
    how: 'measured',
    headers: [t('audit.col.figure'), t('audit.col.value')],
    rows: credentialRows(c, t),
    notes,
  };
}

function windowRow(label: string, w: ReplayWindow, t: Translate): string[] {
  return [
    label,
    t('audit.credential.seconds', { seconds: w.copyWorksSeconds }),
    yesNo(w.stillWorkingAtEnd, t),
  ];
}

function revocation(report: AuditReport, t: Translate): AuditSection {
  const { logout, theft } = report.audit;
  const rows = [
    isSkipped(logout)
      ? [t('audit.revocation.logout'), t('audit.revocation.skipped.no-logout'), '']
      : windowRow(t('audit.revocation.logout'), logout, t),
    windowRow(t('audit.revocation.theft'), theft, t),
  ];
  const notes =
    !isSkipped(logout) && logout.logoutStatus !== undefined
      ? [t('audit.revocation.logout-status', { status: logout.logoutStatus })]
      : [];
  return {
    id: 'revocation',
    title: t('audit.revocation.title'),
    theory: t('audit.revocation.theory', { window: theft.windowSeconds }),
    how: 'measured',
    headers: [t('audit.col.copy'), t('audit.col.works'), t('audit.col.end')],
    rows,
    notes,
    badRows: !isSkipped(logout) && logout.stillWorkingAtEnd ? [0] : [],
  };
}

function forgeries(report: AuditReport, t: Translate): AuditSection {
  const list = report.audit.forgeries;
  return {
    id: 'forgeries',
    title: t('audit.forgeries.title'),
    theory: t('audit.forgeries.theory'),
    how: 'measured',
    headers: [t('audit.col.forgery'), t('audit.col.tries'), t('audit.col.outcome'), t('audit.col.status')],
    rows: list.map((f) => [
      t(`audit.forgery.${f.id}` as MessageKey),
      String(f.tries),
      f.skipped
        ? t(`audit.forgeries.skipped.${f.skipped}` as MessageKey)
        : t(f.accepted ? 'audit.forgeries.accepted' : 'audit.forgeries.refused'),
      f.status === null ? '' : String(f.status),
    ]),
    notes: list.length === 0 ? [t('audit.forgeries.none')] : [],
    badRows: list.flatMap((f, i) => (f.accepted ? [i] : [])),
  };
}

function replicaFailure(report: AuditReport, t: Translate): AuditSection | undefined {
  const f = report.audit.replicaFailure;
  if (!f) return undefined;
  const base = { id: 'replicaFailure', title: t('audit.failure.title'), theory: t('audit.failure.theory') };
  if (isSkipped(f)) {
    const notes = [t(`audit.failure.skipped.${f.reason}` as MessageKey)];
    return { ...base, how: 'measured', headers: [], rows: [], notes };
  }
  const killBucket = Math.floor(f.killedAtSeconds / f.bucketSeconds);
  return {
    ...base,
    svg: failureChart(f, t),
    how: 'measured',
    headers: [t('audit.col.t'), t('audit.col.ok'), t('audit.col.failed')],
    rows: f.timeline.map((b, i) => [
      `${b.t}${i === killBucket ? ` ${t('audit.failure.killed')}` : ''}`,
      String(b.ok),
      String(b.failed),
    ]),
    notes: [
      t('audit.failure.summary', {
        replica: f.killed,
        at: f.killedAtSeconds,
        lost: f.sessionsLost,
        users: f.users,
        failed: f.failedRequests,
        loggedOut: f.loggedOutAfterKill,
        requests: f.requests,
      }),
    ],
  };
}

function load(report: AuditReport, t: Translate): AuditSection | undefined {
  const l = report.audit.load;
  if (!l || isSkipped(l)) return undefined;
  const row = (label: string, spread: Spread | null) =>
    spread
      ? [label, String(spread.median), `${spread.min}–${spread.max}`]
      : [label, t('audit.load.cpu-none'), ''];
  return {
    id: 'load',
    title: t('audit.load.title'),
    theory: t('audit.load.theory', {
      poll: report.app.pollUrl,
      rate: l.offeredRate,
      connections: l.connections,
      rounds: l.rounds,
      seconds: l.phaseSeconds,
    }),
    how: 'measured',
    headers: [t('audit.col.figure'), t('audit.col.median'), t('audit.col.range')],
    rows: [
      row(t('audit.load.rps'), l.requestsPerSecond),
      row(t('audit.load.p50'), l.latencyMs.p50),
      row(t('audit.load.p99'), l.latencyMs.p99),
      row(t('audit.load.cpu'), l.cpuMicrosPerRequest),
    ],
    notes: [t('audit.load.errors', { errors: l.errors, non2xx: l.non2xx, requests: l.requests })],
  };
}

/** Every section in reading order: the scaling question first, the costs last. */
export function auditSections(report: AuditReport, t: Translate): AuditSection[] {
  return [
    relogin(report, t),
    credential(report, t),
    revocation(report, t),
    forgeries(report, t),
    replicaFailure(report, t),
    load(report, t),
  ].filter((section): section is AuditSection => section !== undefined);
}
