import { describe, expect, it } from 'vitest';
import { CATALOGUES, LANGS } from '../../../lib/i18n/index.ts';
import { RUN_ORDER, SCENARIO_MODULES, SCENARIOS } from '../../../scenarios/core/registry.ts';
import { SCENARIO_NAMES } from '../../../scenarios/core/types.ts';

/** The registry is the one list of scenarios: the runner, the plan and the report engine read it. */
describe('scenario registry', () => {
  it('lists every scenario once, in report order, and RUN_ORDER runs each of them', () => {
    expect(SCENARIO_MODULES.map((module) => module.name)).toEqual([...SCENARIO_NAMES]);
    expect([...RUN_ORDER].sort()).toEqual([...SCENARIO_NAMES].sort());
    for (const name of SCENARIO_NAMES) expect(typeof SCENARIOS[name], name).toBe('function');
  });

  it('names a claim, a short name, summary rows and messages that the catalogues hold in both languages', () => {
    for (const module of SCENARIO_MODULES) {
      const keys = [
        ...['title', 'section', 'quote', 'explanation'].map((part) => `${module.claim}.${part}`),
        `report.scenario.${module.name}`,
        ...module.summaryRows.map((row) => row.key),
        ...Object.keys(module.messages?.en ?? {}),
        ...Object.keys(module.messages?.ko ?? {}),
      ];
      for (const lang of LANGS) {
        const missing = keys.filter((key) => !(key in CATALOGUES[lang]));
        expect(missing, `${module.name} (${lang})`).toEqual([]);
      }
    }
  });

  it('marks load and the latency sweep, and only those, as quiet: measured while nothing else runs', () => {
    expect(SCENARIO_MODULES.filter((module) => module.quiet).map((module) => module.name)).toEqual([
      'load',
      'latency',
    ]);
  });

  it('declares fault windows only on shared scenarios: node-failure and store-failure', () => {
    const windows = SCENARIO_MODULES.filter((module) => module.faultWindow);
    expect(windows.map((module) => module.name)).toEqual(['node-failure', 'store-failure']);
    expect(windows.every((module) => module.cluster === 'shared' && !module.quiet)).toBe(true);
  });
});
