import type { ScenarioModule } from '../core/module.ts';
import { tokenSizeCharts } from './charts.ts';
import { run } from './run.ts';
import { tokenSizeSection } from './section.ts';
import { tokenSizeSummaryRows } from './summary.ts';

/** token-size — a token carries its claims on every request; a session id is a few bytes. */
export const tokenSize: ScenarioModule<'token-size'> = {
  name: 'token-size',
  claim: 'report.claim.token-size',
  cluster: 'shared',
  quiet: false,
  run,
  section: tokenSizeSection,
  charts: tokenSizeCharts,
  summaryRows: tokenSizeSummaryRows,
};
