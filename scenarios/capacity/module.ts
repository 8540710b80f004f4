import { capacity as en } from '../../lib/i18n/en/capacity.ts';
import { capacity as ko } from '../../lib/i18n/ko/capacity.ts';
import type { ScenarioModule } from '../core/module.ts';
import { capacityCharts } from './charts.ts';
import { run } from './run.ts';
import { capacitySection } from './section.ts';
import { capacitySummaryRows } from './summary.ts';

/** capacity — what an idle logged-in user costs the server, measured on a private node of its own. */
export const capacity: ScenarioModule<'capacity'> = {
  name: 'capacity',
  claim: 'report.claim.capacity',
  cluster: 'own',
  quiet: false,
  run,
  section: capacitySection,
  charts: capacityCharts,
  summaryRows: capacitySummaryRows,
  messages: { en, ko },
};
