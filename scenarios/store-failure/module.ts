import type { ScenarioModule } from '../core/module.ts';
import { storeFailureCharts } from './charts.ts';
import { run } from './run.ts';
import { storeFailureSection } from './section.ts';
import { storeFailureSummaryRows } from './summary.ts';

/** store-failure — when the session store fails, every session mode fails with it; stateless access tokens keep working. */
export const storeFailure: ScenarioModule<'store-failure'> = {
  name: 'store-failure',
  claim: 'report.claim.store-failure',
  cluster: 'shared',
  quiet: false,
  faultWindow: true,
  run,
  section: storeFailureSection,
  charts: storeFailureCharts,
  summaryRows: storeFailureSummaryRows,
};
