import { balancers as en } from '../../lib/i18n/en/balancers.ts';
import { balancers as ko } from '../../lib/i18n/ko/balancers.ts';
import type { ScenarioModule } from '../core/module.ts';
import { balancersCharts } from './charts.ts';
import { run } from './run.ts';
import { balancersSection } from './section.ts';

/** balancers — the failures come from where sessions live, not from which balancer (authscale's, HAProxy, nginx). */
export const balancers: ScenarioModule<'balancers'> = {
  name: 'balancers',
  claim: 'report.claim.balancers',
  cluster: 'shared',
  quiet: false,
  run,
  section: balancersSection,
  charts: balancersCharts,
  summaryRows: [],
  messages: { en, ko },
};
