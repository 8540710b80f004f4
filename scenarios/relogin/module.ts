import type { ScenarioModule } from '../core/module.ts';
import { reloginCharts } from './charts.ts';
import { run } from './run.ts';
import { reloginSection } from './section.ts';
import { reloginSummaryRows } from './summary.ts';

/** relogin — in-memory sessions behind a per-request balancer send users back to the login page (N-1)/N of the time. */
export const relogin: ScenarioModule<'relogin'> = {
  name: 'relogin',
  claim: 'report.claim.relogin',
  cluster: 'shared',
  quiet: false,
  run,
  section: reloginSection,
  charts: reloginCharts,
  summaryRows: reloginSummaryRows,
};
