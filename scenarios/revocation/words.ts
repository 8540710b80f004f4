import type { MessageKey, Translate } from '../../lib/i18n/index.ts';
import type { CredentialWindow, Report, RevocationResult, StopReason } from '../core/types.ts';
import { lookup } from '../report/lookup.ts';
import { seconds } from '../report/words.ts';

/**
 * Revocation as measured: each stolen credential's window observed on a cluster with short
 * lifetimes, next to the production setting it scales to (derived, and labelled so).
 */
const STOP_KEYS: Record<StopReason, MessageKey> = {
  logout: 'report.stop.logout',
  denylist: 'report.stop.denylist',
  'access-expiry': 'report.stop.access-expiry',
  'refresh-expiry': 'report.stop.refresh-expiry',
  'idle-expiry': 'report.stop.idle-expiry',
  'absolute-expiry': 'report.stop.absolute-expiry',
  'reuse-detection': 'report.stop.reuse-detection',
  'never-worked': 'report.stop.never-worked',
  'not-stopped': 'report.stop.not-stopped',
};

export function stopReason(reason: StopReason, t: Translate): string {
  const key = STOP_KEYS[reason];
  return key ? t(key) : reason;
}

/** `5.0 s` measured; `≥ 3.0 s` when it still worked as the bounded observation ended. */
export function measuredWindow(w: CredentialWindow, t: Translate): string {
  return `${w.stoppedBy === 'not-stopped' ? '≥ ' : ''}${seconds(w.seconds, t)}`;
}

function row(caseKey: MessageKey, w: CredentialWindow, t: Translate): string[] {
  const stopped = `${stopReason(w.stoppedBy, t)}${w.code ? ` (${w.code})` : ''}`;
  return [
    t(caseKey),
    measuredWindow(w, t),
    stopped,
    w.runSetting ? `${w.runSetting.name} = ${seconds(w.runSetting.seconds, t)}` : '–',
    w.production ? `${seconds(w.production.seconds, t)} (${w.production.setting})` : '–',
  ];
}

/** Up to three rows per run: after logout, stolen while the victim stays, stolen refresh token. */
export function revocationRows(v: RevocationResult, t: Translate): string[][] {
  const rows: string[][] = [];
  if (v.afterLogout) rows.push(row('report.case.after-logout', v.afterLogout, t));
  if (v.stolenAccess) rows.push(row('report.case.stolen-access', v.stolenAccess, t));
  if (v.stolenRefresh) {
    const r = row('report.case.stolen-refresh', v.stolenRefresh, t);
    r[0] = t('report.case.stolen-refresh-minted', { n: v.stolenRefresh.accessTokensMinted });
    rows.push(r);
  }
  return rows;
}

/** One sentence naming the short lifetimes the scenario ran with and the defaults they scale to. */
export function revocationSettings(report: Report, t: Translate): string[] {
  for (const run of report.results) {
    const found = lookup(run, 'revocation');
    if (found.kind !== 'ok' || !found.value.settings) continue;
    const s = found.value.settings;
    const p = found.value.productionSettings;
    // Under --target a setting the cluster did not reveal is 0: say "unknown", not "0 s".
    const known = (value: number | undefined) => (value ? seconds(value, t) : t('report.cell.unknown'));
    const lines = [
      t('report.revocation.settings', {
        access: known(s.accessTokenTtl),
        refresh: known(s.refreshTokenTtl),
        idle: known(s.sessionIdleTtl),
        absolute: known(s.sessionAbsoluteTtl),
        accessProd: known(p.accessTokenTtl),
        refreshProd: known(p.refreshTokenTtl),
        idleProd: known(p.sessionIdleTtl),
        absoluteProd: known(p.sessionAbsoluteTtl),
      }),
    ];
    const tolerance = found.value.clockToleranceSeconds;
    if (tolerance) lines.push(t('report.revocation.tolerance', { tolerance: seconds(tolerance, t) }));
    return lines;
  }
  return [];
}
