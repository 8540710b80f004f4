import { cellFor, type SummaryRowSpec } from '../report/summary-cells.ts';
import { num } from '../report/words.ts';

export const tokenSizeSummaryRows: SummaryRowSpec[] = [
  {
    key: 'report.row.credential',
    group: 'behaviour',
    cell: (run, t) =>
      cellFor(run, 'token-size', t, (v, tr) => ({
        text: `${num(v.credentialBytes)} ${tr(v.credentialKind === 'cookie' ? 'report.cell.cookie' : 'report.cell.bearer')}`,
      })),
  },
];
