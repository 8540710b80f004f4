import type { ScenarioModule } from '../core/module.ts';
import { nodeFailureCharts } from './charts.ts';
import { run } from './run.ts';
import { nodeFailureSection } from './section.ts';
import { nodeFailureSummaryRows } from './summary.ts';

/** node-failure — sessions on a node's heap die with the node; shared or stateless ones do not. */
export const nodeFailure: ScenarioModule<'node-failure'> = {
  name: 'node-failure',
  claim: 'report.claim.node-failure',
  cluster: 'shared',
  quiet: false,
  faultWindow: true,
  run,
  section: nodeFailureSection,
  charts: nodeFailureCharts,
  summaryRows: nodeFailureSummaryRows,
};
