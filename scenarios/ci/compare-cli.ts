import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from '../../cluster/entrypoints.ts';
import { isLang, type Lang, langFromEnv, type Translate, translator } from '../../lib/i18n/index.ts';
import { figureCatalogueMarkdown, figureListText } from './catalogue.ts';
import { compareReports, regressions } from './compare.ts';
import { compareHtml, compareMarkdown, compareText } from './compare-render.ts';
import { EXIT, evaluateThresholds, thresholdExitCode } from './evaluate.ts';
import { ThresholdError } from './expression.ts';
import { collectHistory } from './history.ts';
import { historyHtml, historyMarkdown } from './history-render.ts';
import { writeJunit } from './junit.ts';
import { AUDIT_DEFAULT_THRESHOLDS, parseThresholdOptions, THRESHOLD_FLAGS } from './options.ts';
import { readReportFile } from './read-report.ts';
import { renderThresholdLines } from './render.ts';
import { isAuditReport } from './report-shape.ts';

/**
 * `npm run compare`: two reports side by side (A B), thresholds checked against an existing
 * report (--check), a page of past runs (--history) and the figure list (--list-figures). Only
 * parses and prints; the work is in compare.ts, evaluate.ts and history.ts.
 */
const OPTIONS = {
  ...THRESHOLD_FLAGS,
  check: { type: 'string' },
  history: { type: 'string' },
  out: { type: 'string' },
  lang: { type: 'string' },
  'fail-on-regression': { type: 'string' },
  markdown: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;
type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

function timestamp(): string {
  return new Date()
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/:/g, '-');
}

async function writePage(dir: string, base: string, md: string, html: string, t: Translate): Promise<void> {
  await mkdir(dir, { recursive: true });
  const paths = [join(dir, `${base}.md`), join(dir, `${base}.html`)];
  await Promise.all([writeFile(paths[0]!, md), writeFile(paths[1]!, html)]);
  process.stderr.write(`${t('compare.written')}\n  ${paths.join('\n  ')}\n`);
}

function regressionLimit(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const pct = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || !Number.isFinite(pct))
    throw new ThresholdError('compare.error.pct', { text });
  return pct;
}

async function compareTwo(files: string[], values: Values, lang: Lang, t: Translate): Promise<number> {
  const pct = regressionLimit(values['fail-on-regression']);
  const [a, b] = await Promise.all(files.map(readReportFile));
  const comparison = compareReports(a!, b!);
  const sources = { a: files[0]!, b: files[1]! };
  process.stdout.write(compareText(comparison, t, sources));
  const dir = values.out ?? join(ROOT, 'reports', `compare-${timestamp()}`);
  await writePage(
    dir,
    'compare',
    compareMarkdown(comparison, t, sources),
    compareHtml(comparison, t, sources, lang),
    t,
  );
  if (pct === undefined) return EXIT.ok;
  const worse = regressions(comparison, pct);
  if (worse.length === 0) {
    process.stdout.write(`${t('compare.regression.none', { pct })}\n`);
    return EXIT.ok;
  }
  const names = worse.map((row) => row.figure.name).join(', ');
  process.stdout.write(`${t('compare.regression.found', { count: worse.length, pct, names })}\n`);
  return EXIT.thresholdFailed;
}

async function check(file: string, values: Values, t: Translate): Promise<number> {
  const report = await readReportFile(file);
  const thresholds = parseThresholdOptions(
    values,
    isAuditReport(report) ? { defaults: AUDIT_DEFAULT_THRESHOLDS } : {},
  );
  if (thresholds.length === 0) throw new ThresholdError('compare.error.no-thresholds');
  const results = evaluateThresholds(report, thresholds);
  process.stdout.write(`${renderThresholdLines(results, t).join('\n')}\n`);
  if (values.junit) await writeJunit(values.junit, results, { suite: `authscale check ${file}` });
  return thresholdExitCode(results);
}

async function history(dir: string, values: Values, lang: Lang, t: Translate): Promise<number> {
  const found = await collectHistory(dir).catch((error: NodeJS.ErrnoException) => {
    throw new ThresholdError('compare.error.history-dir', { dir, reason: error.code ?? String(error) });
  });
  await writePage(values.out ?? dir, 'history', historyMarkdown(found, t), historyHtml(found, t, lang), t);
  process.stdout.write(`${t('history.lead', { count: found.entries.length })}\n`);
  return EXIT.ok;
}

async function main(argv: string[]): Promise<number> {
  let parsed: { values: Values; positionals: string[] };
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
    throw new ThresholdError('cli.error.parse', {
      message: message.replace(/\. To specify a positional argument.*$/, ''),
    });
  }
  const { values, positionals } = parsed;
  if (values.lang !== undefined && !isLang(values.lang)) {
    throw new ThresholdError('cli.error.choice', { flag: 'lang', choices: 'en | ko', text: values.lang });
  }
  const lang: Lang = isLang(values.lang) ? values.lang : langFromEnv();
  const t = translator(lang);
  if (values.help) {
    process.stdout.write(`${t('compare.usage')}\n${t('ci.usage.flags')}\n`);
    return EXIT.ok;
  }
  if (values['list-figures']) {
    // --markdown: the table docs/ci.md holds (a test keeps the two equal).
    process.stdout.write(values.markdown ? `${figureCatalogueMarkdown(t)}\n` : figureListText(t));
    return EXIT.ok;
  }
  if (values.check !== undefined && positionals.length === 0) return check(values.check, values, t);
  if (values.history !== undefined && positionals.length === 0)
    return history(values.history, values, lang, t);
  if (positionals.length === 2 && values.check === undefined && values.history === undefined) {
    return compareTwo(positionals, values, lang, t);
  }
  throw new ThresholdError('compare.error.args');
}

function langOf(argv: string[]): Lang {
  const index = argv.indexOf('--lang');
  const value = index >= 0 ? argv[index + 1] : argv.find((arg) => arg.startsWith('--lang='))?.slice(7);
  return isLang(value) ? value : langFromEnv();
}

try {
  process.exit(await main(process.argv.slice(2)));
} catch (error) {
  const t = translator(langOf(process.argv.slice(2)));
  if (error instanceof ThresholdError) {
    process.stderr.write(
      `authscale compare: ${t('cli.usage-error', { message: t(error.key, error.params) })}\n`,
    );
    process.exit(EXIT.usage);
  }
  process.stderr.write(`authscale compare: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(EXIT.runFailed);
}
