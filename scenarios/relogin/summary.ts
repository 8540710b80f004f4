import { cellFor, type SummaryRowSpec } from '../report/summary-cells.ts';
import { percent } from '../report/words.ts';

export const reloginSummaryRows: SummaryRowSpec[] = [
  {
    key: 'report.row.relogin',
    group: 'behaviour',
    cell: (run, t) =>
      cellFor(run, 'relogin', t, (v) => ({
        text: `${percent(v.failureRate)} (${percent(v.expectedRate)})`,
        tone: v.failureRate > 0 ? 'bad' : 'good',
      })),
  },
];
