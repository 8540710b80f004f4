import type { Translate } from '../../lib/i18n/index.ts';
import type { CredentialWindow } from '../core/types.ts';
import { type Cell, cellFor, type SummaryRowSpec } from '../report/summary-cells.ts';
import { seconds } from '../report/words.ts';

/** A measured window: "≥ 3.0 s" when it still worked when the observation ended. */
function windowCell(w: CredentialWindow | undefined, t: Translate): Cell | undefined {
  if (!w) return undefined;
  const bound = w.stoppedBy === 'not-stopped' ? '≥ ' : '';
  // Under a second is "at once" (a replay round trip); longer is a window someone can use.
  return { text: `${bound}${seconds(w.seconds, t)}`, tone: w.seconds >= 1 ? 'warn' : 'good' };
}

export const revocationSummaryRows: SummaryRowSpec[] = [
  {
    key: 'report.row.after-logout',
    group: 'behaviour',
    cell: (run, t) => cellFor(run, 'revocation', t, (v, tr) => windowCell(v.afterLogout, tr)),
  },
  {
    key: 'report.row.stolen',
    group: 'behaviour',
    cell: (run, t) => cellFor(run, 'revocation', t, (v, tr) => windowCell(v.stolenAccess, tr)),
  },
  {
    key: 'report.row.stolen-production',
    group: 'behaviour',
    cell: (run, t) =>
      cellFor(run, 'revocation', t, (v, tr) =>
        v.stolenAccess?.production
          ? { text: seconds(v.stolenAccess.production.seconds, tr), tone: 'dim' }
          : undefined,
      ),
  },
  {
    key: 'report.row.stolen-refresh',
    group: 'behaviour',
    cell: (run, t) => cellFor(run, 'revocation', t, (v, tr) => windowCell(v.stolenRefresh, tr)),
  },
];
