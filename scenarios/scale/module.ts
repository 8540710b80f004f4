import type { ScenarioModule } from '../core/module.ts';
import { scaleCharts } from './charts.ts';
import { run } from './run.ts';
import { scaleSection } from './section.ts';

/** scale — adding nodes makes in-memory sessions fail more, not less (1…N of the run's nodes, a fresh balancer per point). */
export const scale: ScenarioModule<'scale'> = {
  name: 'scale',
  claim: 'report.claim.scale',
  cluster: 'shared',
  quiet: false,
  run,
  section: scaleSection,
  charts: scaleCharts,
  summaryRows: [],
};
