import type { Translate } from '../../lib/i18n/index.ts';
import type { Section } from '../report/section.ts';
import type { SummaryRowSpec } from '../report/summary-cells.ts';
import type { ScenarioContext, ScenarioOptions } from './context.ts';
import type { Report, ScenarioName, ScenarioResults } from './types.ts';

/** `run(ctx, options) → typed result`: measures, never prints. */
export type Runner<K extends ScenarioName> = (
  ctx: ScenarioContext,
  options: ScenarioOptions & { restore?: boolean },
) => Promise<NonNullable<ScenarioResults[K]>>;

/** A catalogue area (`lib/i18n/<lang>/<area>.ts`) a scenario owns, in both languages. */
export interface ScenarioMessages {
  en: Readonly<Record<string, string>>;
  ko: Readonly<Record<string, string>>;
}

/**
 * One scenario, whole: what it proves, how it runs, and how the report shows it. Each scenario's
 * folder exports one of these from `module.ts`; core/registry.ts lists them, and the runner and
 * the report engine only ever go through that list (see docs/scenarios.md).
 */
export interface ScenarioModule<K extends ScenarioName = ScenarioName> {
  /** The contract name: the `--scenarios` word and the key under `results[].scenarios` in report.json. */
  name: K;
  /** The study-note claim it proves: the catalogue prefix of its title, source, quote and explanation. */
  claim: `report.claim.${K}`;
  /**
   * `own`: it starts private clusters of its own (the run's cluster only waits); `shared`: it
   * measures the run's cluster.
   */
  cluster: 'own' | 'shared';
  /** Its figures are contention-bound: measured in interleaved rounds while nothing else runs. */
  quiet: boolean;
  /**
   * `shared` scenarios only: it counts requests inside a timed fault window (a node crash, a store
   * outage), so the demo runs it with nothing else running (after the side-by-side phase).
   */
  faultWindow?: boolean;
  /**
   * `own` scenarios only: once its private clusters are up it mostly waits on the clock (token
   * lifetimes) with a trickle of requests, and its figures are counts and periods. The demo lets
   * the fault windows run beside its waiting when no store is shared between them; the quiet
   * rounds still wait for it.
   */
  clockBound?: boolean;
  run: Runner<K>;
  /** Its table in report.md / report.html (claim, headers, rows, skips, notes). */
  section: (report: Report, t: Translate) => Section;
  /** Its inline SVG charts in report.html (none when nothing ran). */
  charts: (report: Report, t: Translate) => string[];
  /** Its rows in the summary table (terminal, Markdown, HTML); may be empty. */
  summaryRows: SummaryRowSpec[];
  /** Its own catalogue area, when its words do not live in the shared `report` area. */
  messages?: ScenarioMessages;
}
