import type { Translate } from '../../lib/i18n/index.ts';
import type { AuditReport } from '../types.ts';
import { isSkipped, percent } from './format.ts';

export type Tone = 'good' | 'bad' | 'warn' | 'info';

export interface VerdictLine {
  tone: Tone;
  text: string;
}

function forgeryLine(report: AuditReport, t: Translate): VerdictLine {
  const forgeries = report.audit.forgeries;
  const accepted = forgeries.filter((f) => f.accepted);
  if (accepted.length > 0) {
    const names = accepted.map((f) => t(`audit.forgery.${f.id}` as 'audit.forgery.alg-none')).join(', ');
    return { tone: 'bad', text: t('audit.verdict.forgery', { names }) };
  }
  return {
    tone: 'good',
    text: t('audit.verdict.no-forgery', { count: forgeries.filter((f) => f.tries > 0).length }),
  };
}

function scaleLine(report: AuditReport, t: Translate): VerdictLine {
  const r = report.audit.relogin;
  if (report.replicas < 2) return { tone: 'warn', text: t('audit.verdict.one-replica') };
  if (report.strategy !== 'round-robin') {
    const params = {
      strategy: t(`report.strategy.${report.strategy}`),
      rate: percent(r.failureRate),
      requests: r.requests,
    };
    if (r.verdict === 'per-replica-state')
      return { tone: 'bad', text: t('audit.verdict.scale-hidden', params) };
    return { tone: 'good', text: t('audit.verdict.scale-other', params) };
  }
  if (r.verdict === 'per-replica-state') {
    return {
      tone: 'bad',
      text: t('audit.verdict.scale-unsafe', {
        rate: percent(r.failureRate),
        expected: percent(r.expectedIfPerReplica),
      }),
    };
  }
  return {
    tone: 'good',
    text: t('audit.verdict.scale-safe', { rate: percent(r.failureRate), requests: r.requests }),
  };
}

function logoutLine(report: AuditReport, t: Translate): VerdictLine {
  const logout = report.audit.logout;
  if (isSkipped(logout)) return { tone: 'warn', text: t('audit.verdict.no-logout') };
  if (logout.stillWorkingAtEnd) {
    const missed =
      report.audit.relogin.verdict === 'per-replica-state' &&
      logout.loginServedBy !== undefined &&
      logout.logoutServedBy !== undefined &&
      logout.loginServedBy !== logout.logoutServedBy;
    if (missed) {
      const params = {
        seconds: logout.copyWorksSeconds,
        login: logout.loginServedBy!,
        logout: logout.logoutServedBy!,
      };
      return { tone: 'bad', text: t('audit.verdict.logout-missed', params) };
    }
    return { tone: 'bad', text: t('audit.verdict.logout-stays', { seconds: logout.copyWorksSeconds }) };
  }
  // One replay a second: a copy refused at the first or second replay was revoked by the logout itself.
  if (logout.copyWorksSeconds <= 1.5) {
    return {
      tone: 'good',
      text: t('audit.verdict.logout-revokes', { seconds: Math.max(1, logout.copyWorksSeconds) }),
    };
  }
  return { tone: 'warn', text: t('audit.verdict.logout-partly', { seconds: logout.copyWorksSeconds }) };
}

function costLine(report: AuditReport, t: Translate): VerdictLine | undefined {
  const load = report.audit.load;
  if (!load || isSkipped(load)) return undefined;
  const cpu = load.cpuMicrosPerRequest
    ? t('audit.verdict.cost-cpu', { cpu: load.cpuMicrosPerRequest.median })
    : t('audit.verdict.cost-no-cpu');
  return {
    tone: 'info',
    text: t('audit.verdict.cost', {
      bytes: report.audit.credential.bytes,
      cpu,
      p99: load.latencyMs.p99.median,
      rate: load.offeredRate,
    }),
  };
}

/** The opening of the report: what a team can act on, the worst first. */
export function verdictLines(report: AuditReport, t: Translate): VerdictLine[] {
  const lines = [forgeryLine(report, t), scaleLine(report, t), logoutLine(report, t)];
  const theft = report.audit.theft;
  lines.push({
    tone: theft.stillWorkingAtEnd ? 'warn' : 'good',
    text: t('audit.verdict.theft', {
      seconds: theft.copyWorksSeconds,
      still: theft.stillWorkingAtEnd ? t('audit.verdict.theft-still') : '',
    }),
  });
  const credential = report.audit.credential;
  if (credential.clientSideSession) {
    lines.push({
      tone: 'warn',
      text: t('audit.verdict.client-side', { decoded: credential.decodedAs ?? '' }),
    });
  }
  const failure = report.audit.replicaFailure;
  if (failure && !isSkipped(failure)) {
    lines.push({
      tone: failure.sessionsLost > 0 ? 'bad' : 'good',
      text: t('audit.verdict.replica-lost', {
        replica: failure.killed,
        lost: failure.sessionsLost,
        users: failure.users,
        failed: failure.failedRequests,
      }),
    });
  }
  for (const exit of report.replicaExits) {
    lines.push({
      tone: 'bad',
      text: t('audit.verdict.replica-exit', {
        replica: exit.replica,
        seconds: exit.atSeconds,
        how: exit.signal ?? `exit ${exit.code}`,
      }),
    });
  }
  const cost = costLine(report, t);
  if (cost) lines.push(cost);
  // Bad first, then warnings, then good news: the first line is the one to act on.
  const order: Record<Tone, number> = { bad: 0, warn: 1, good: 2, info: 3 };
  return lines.sort((a, b) => order[a.tone] - order[b.tone]);
}
