import { capacity as en } from '../../lib/i18n/en/capacity.ts';
import { capacity as ko } from '../../lib/i18n/ko/capacity.ts';
import type { ScenarioModule } from '../core/module.ts';
import { lifetimesCharts } from './charts.ts';
import { run } from './run.ts';
import { lifetimesSection } from './section.ts';
import { lifetimesSummaryRows } from './summary.ts';

/** lifetimes — short access lifetimes trade exposure for refresh load, measured on a private node of its own. */
export const lifetimes: ScenarioModule<'lifetimes'> = {
  name: 'lifetimes',
  claim: 'report.claim.lifetimes',
  cluster: 'own',
  quiet: false,
  clockBound: true,
  run,
  section: lifetimesSection,
  charts: lifetimesCharts,
  summaryRows: lifetimesSummaryRows,
  messages: { en, ko },
};
