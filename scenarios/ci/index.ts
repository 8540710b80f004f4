/**
 * Thresholds for CI, as one import for every command (demo, scenario, audit, compare --check):
 *
 *   const thresholds = parseThresholdOptions(values, { defaults: AUDIT_DEFAULT_THRESHOLDS }); // before the run
 *   report.thresholds = evaluateThresholds(report, thresholds);                              // after it
 *   print(renderThresholdLines(report.thresholds, t));
 *   if (values.junit) await writeJunit(values.junit, report.thresholds, { suite: 'authscale audit' });
 *   return thresholdExitCode(report.thresholds, runFailed);
 *
 * Parsing throws ThresholdError (key + params, like UsageError): print it and exit 2.
 */
export { figureCatalogueMarkdown, figureListText } from './catalogue.ts';
export {
  availableFigures,
  EXIT,
  evaluateThresholds,
  type ThresholdResult,
  thresholdExitCode,
} from './evaluate.ts';
export { parseThreshold, type Threshold, ThresholdError } from './expression.ts';
export { FIGURE_NAMES, FIGURES, findFigure } from './figures.ts';
export { renderJunit, writeJunit } from './junit.ts';
export {
  AUDIT_DEFAULT_THRESHOLDS,
  checkThresholdsAgainstPlan,
  parseThresholdOptions,
  THRESHOLD_FLAGS,
} from './options.ts';
export { renderThresholdLines, thresholdsHtml, thresholdsMarkdown } from './render.ts';
export type { AnyReport, AuditReport } from './report-shape.ts';
