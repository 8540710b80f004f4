import { cellFor, type SummaryRowSpec } from '../report/summary-cells.ts';
import { num } from '../report/words.ts';

export const nodeFailureSummaryRows: SummaryRowSpec[] = [
  {
    key: 'report.row.node-lost',
    group: 'behaviour',
    cell: (run, t) =>
      cellFor(run, 'node-failure', t, (v) => ({
        text: `${num(v.sessionsLost)}/${num(v.sessionsBefore)}`,
        tone: v.sessionsLost > 0 ? 'bad' : 'good',
      })),
  },
];
