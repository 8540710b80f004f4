import { cellFor, type SummaryRowSpec } from '../report/summary-cells.ts';
import { num, seconds } from '../report/words.ts';

export const storeFailureSummaryRows: SummaryRowSpec[] = [
  {
    key: 'report.row.store-failed',
    group: 'behaviour',
    cell: (run, t) =>
      cellFor(run, 'store-failure', t, (v) => ({
        text: `${num(v.failedRequests)}/${num(v.totalRequests)}`,
        tone: v.failedRequests > 0 ? 'bad' : 'good',
      })),
  },
  {
    key: 'report.row.store-recovered',
    group: 'behaviour',
    cell: (run, t) =>
      cellFor(run, 'store-failure', t, (v, tr) => ({
        text: seconds(v.secondsToRecover, tr),
        tone: v.secondsToRecover > 0 ? 'warn' : 'good',
      })),
  },
];
