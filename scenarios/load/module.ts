import type { ScenarioModule } from '../core/module.ts';
import { loadCharts } from './charts.ts';
import { run } from './run.ts';
import { loadSection } from './section.ts';
import { loadSummaryRows } from './summary.ts';

/** load — what each mode costs per request (node CPU, latency, store commands), measured in interleaved rounds. */
export const load: ScenarioModule<'load'> = {
  name: 'load',
  claim: 'report.claim.load',
  cluster: 'shared',
  quiet: true,
  run,
  section: loadSection,
  charts: loadCharts,
  summaryRows: loadSummaryRows,
};
