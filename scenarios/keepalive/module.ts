import { keepalive as en } from '../../lib/i18n/en/keepalive.ts';
import { keepalive as ko } from '../../lib/i18n/ko/keepalive.ts';
import type { ScenarioModule } from '../core/module.ts';
import { keepaliveCharts } from './charts.ts';
import { run } from './run.ts';
import { keepaliveSection } from './section.ts';

/** keepalive — why in-memory sessions worked in dev: a per-connection balancer keeps a user on one node until the connection ends. */
export const keepalive: ScenarioModule<'keepalive'> = {
  name: 'keepalive',
  claim: 'report.claim.keepalive',
  cluster: 'shared',
  quiet: false,
  run,
  section: keepaliveSection,
  charts: keepaliveCharts,
  summaryRows: [],
  messages: { en, ko },
};
