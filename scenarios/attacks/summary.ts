import { cellFor, type SummaryRowSpec } from '../report/summary-cells.ts';
import { num } from '../report/words.ts';

export const attacksSummaryRows: SummaryRowSpec[] = [
  {
    key: 'report.row.attacks',
    group: 'behaviour',
    cell: (run, t) =>
      cellFor(run, 'attacks', t, (v) => ({
        text: `${num(v.rejected)}/${num(v.tried)}`,
        tone: v.rejected === v.tried ? 'good' : 'bad',
      })),
  },
];
