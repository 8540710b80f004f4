import type { ScenarioModule } from '../core/module.ts';
import { revocationCharts } from './charts.ts';
import { run } from './run.ts';
import { revocationSection } from './section.ts';
import { revocationSummaryRows } from './summary.ts';

/** revocation — a server-side session ends at logout; a stateless token works until it expires (on short-lifetime clusters of its own). */
export const revocation: ScenarioModule<'revocation'> = {
  name: 'revocation',
  claim: 'report.claim.revocation',
  cluster: 'own',
  quiet: false,
  clockBound: true,
  run,
  section: revocationSection,
  charts: revocationCharts,
  summaryRows: revocationSummaryRows,
};
