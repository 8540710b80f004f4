import type { ScenarioModule } from '../core/module.ts';
import { scaleCharts } from './charts.ts';
import { run } from './run.ts';
import { scaleSection } from './section.ts';

/** scale — adding nodes makes in-memory sessions fail more, not less (clusters of 1…N nodes of its own). */
export const scale: ScenarioModule<'scale'> = {
  name: 'scale',
  claim: 'report.claim.scale',
  cluster: 'own',
  quiet: false,
  run,
  section: scaleSection,
  charts: scaleCharts,
  summaryRows: [],
};
