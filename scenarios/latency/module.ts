import { latency as en } from '../../lib/i18n/en/latency.ts';
import { latency as ko } from '../../lib/i18n/ko/latency.ts';
import type { ScenarioModule } from '../core/module.ts';
import { latencyCharts } from './charts.ts';
import { run } from './run.ts';
import { latencySection } from './section.ts';

/** latency — the store's round trip in every request: a sweep of store RTTs against the theory. */
export const latency: ScenarioModule<'latency'> = {
  name: 'latency',
  claim: 'report.claim.latency',
  cluster: 'own',
  // Contention-bound: measured alone, run by run, after everything else (the demo's quiet phase).
  quiet: true,
  run,
  section: latencySection,
  charts: latencyCharts,
  summaryRows: [],
  messages: { en, ko },
};
