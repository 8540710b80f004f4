import type { Translate } from '../../lib/i18n/index.ts';
import { SCENARIO_MODULES, scenarioModule } from '../core/registry.ts';
import type { Report, ScenarioName } from '../core/types.ts';
import type { Section } from './section.ts';

/** Every scenario's section, in scenario order (each scenario builds its own: `<name>/section.ts`). */
export function buildSections(report: Report, t: Translate): Section[] {
  return SCENARIO_MODULES.map((module) => module.section(report, t));
}

/** The inline SVG charts (and failure cards) for one scenario (empty when nothing ran). */
export function chartsFor(report: Report, name: ScenarioName, t: Translate): string[] {
  return scenarioModule(name).charts(report, t);
}
