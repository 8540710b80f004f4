import type { ScenarioModule } from '../core/module.ts';
import { attacksCharts } from './charts.ts';
import { run } from './run.ts';
import { attacksSection } from './section.ts';
import { attacksSummaryRows } from './summary.ts';

/** attacks — forged and tampered credentials (and planted session ids) are refused by every node. */
export const attacks: ScenarioModule<'attacks'> = {
  name: 'attacks',
  claim: 'report.claim.attacks',
  cluster: 'shared',
  quiet: false,
  run,
  section: attacksSection,
  charts: attacksCharts,
  summaryRows: attacksSummaryRows,
};
