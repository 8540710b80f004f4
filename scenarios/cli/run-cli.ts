import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FROM_PACKAGE, ROOT } from '../../cluster/entrypoints.ts';
import { isLang, type Lang, langFromEnv, type Translate, translator } from '../../lib/i18n/index.ts';
import { writableDirProblem } from '../../lib/writable-dir.ts';
import { figureListText } from '../ci/catalogue.ts';
import { evaluateThresholds, type ThresholdResult, thresholdExitCode } from '../ci/evaluate.ts';
import { writeJunit } from '../ci/junit.ts';
import { renderThresholdLines } from '../ci/render.ts';
import { type DemoOptions, runDemo } from '../core/demo.ts';
import { isSkipped, type ProgressEvent, type Report } from '../core/types.ts';
import { renderTable, writeReports } from '../report/index.ts';
import { safe } from '../report/table.ts';
import { modeName, num, percent, scenarioName, skipReason, strategyName } from '../report/words.ts';
import { type Command, type Flags, parseCommand, UsageError, usage } from './args.ts';
import { runCluster } from './cluster-command.ts';

/**
 * `npm run demo`, `npm run scenario -- NAME`, `npm run cluster`: a thin shell over runDemo (which
 * never prints) and startCluster. Progress lines go to stderr (one plain line per step, also in CI
 * logs), the table or --json to stdout, the reports to reports/<timestamp>/ or --out; words in
 * --lang (default from the locale).
 */
function demoOptions(flags: Flags, scenarios?: DemoOptions['scenarios']): DemoOptions {
  const options: DemoOptions = { quick: flags.quick, ...(flags.full && { full: true }) };
  if (flags.modes) options.modes = flags.modes;
  if (flags.nodes !== undefined) options.nodes = flags.nodes;
  if (flags.users !== undefined) options.users = flags.users;
  if (flags.requests !== undefined) options.requests = flags.requests;
  if (flags.durationSeconds !== undefined) options.durationSeconds = flags.durationSeconds;
  if (flags.strategy) options.strategy = flags.strategy;
  if (flags.redis) options.redis = flags.redis;
  if (flags.network) options.network = flags.network;
  if (flags.fault) options.fault = flags.fault;
  if (flags.balancer) options.balancer = flags.balancer;
  if (flags.clientAddresses) options.clientAddresses = flags.clientAddresses;
  if (scenarios) options.scenarios = scenarios;
  if (flags.target) {
    options.target = flags.target;
    const env = process.env;
    const adminToken = envSecret('ADMIN_TOKEN');
    const secret = envSecret('AUTH_SECRET');
    options.targetSettings = {
      ...(adminToken && { adminToken }),
      ...(env.REDIS_URL && { redisUrl: env.REDIS_URL }),
      ...(secret && { secret }),
      ...(env.TARGET_NODES && { nodeUrls: env.TARGET_NODES.split(',').map((url) => url.trim()) }),
    };
  }
  return options;
}

/** `NAME_FILE` (the Docker secrets convention, as the nodes read it) wins over `NAME`. */
function envSecret(name: string): string | undefined {
  const file = process.env[`${name}_FILE`];
  if (file) return readFileSync(file, 'utf8').trim() || undefined;
  return process.env[name] || undefined;
}

/**
 * One plain line per step on stderr, also when it is not a terminal (CI logs); colour only on a
 * terminal. Lines are written whole, never rewritten in place.
 */
function progressPrinter(t: Translate, color: boolean): (event: ProgressEvent) => void {
  const dim = (text: string) => (color ? `\x1b[2m${text}\x1b[0m` : text);
  const started = Date.now();
  const clock = () => dim(`[${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s]`);
  const secs = (ms: number) => (ms / 1000).toFixed(1);
  const write = (line: string) => process.stderr.write(`${clock()} ${safe(line)}\n`);
  return (event) => {
    const run = `${modeName(event.mode, t)} ${strategyName(event.strategy, t)}`;
    const scenario = 'scenario' in event ? scenarioName(event.scenario, t) : '';
    switch (event.type) {
      case 'run-start':
        return write(t('cli.progress.run-start', { run }));
      case 'run-skipped':
        return write(t('cli.progress.run-skipped', { run, reason: skipReason(event.reason, t) }));
      case 'scenario-end':
        return write(
          event.skipped
            ? t('cli.progress.scenario-skipped', { run, scenario, reason: skipReason(event.skipped, t) })
            : t('cli.progress.scenario-done', { run, scenario, seconds: secs(event.ms) }),
        );
      case 'load-round':
        return write(
          t('cli.progress.load-round', {
            run,
            round: event.round,
            rounds: event.rounds,
            seconds: secs(event.ms),
          }),
        );
      case 'run-end':
        return write(t('cli.progress.run-end', { run, seconds: secs(event.ms) }));
      case 'relogin-measured':
        return write(
          t('cli.progress.relogin', {
            run,
            measured: percent(event.failureRate),
            expected: percent(event.expectedRate),
            failures: num(event.failures),
            requests: num(event.requests),
          }),
        );
      default:
        return undefined;
    }
  };
}

function timestamp(): string {
  return new Date()
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/:/g, '-');
}

function failedScenarios(report: Report, t: Translate): string[] {
  const failed: string[] = [];
  for (const run of report.results) {
    for (const [name, result] of Object.entries(run.scenarios)) {
      if (isSkipped(result) && result.reason.startsWith('failed:')) {
        failed.push(
          t('cli.scenario-error', { where: `${run.mode}/${run.strategy} ${name}`, reason: result.reason }),
        );
      }
    }
  }
  return failed;
}

async function runReport(command: Extract<Command, { kind: 'demo' | 'scenario' }>): Promise<number> {
  const { flags } = command;
  const lang = flags.lang ?? langFromEnv();
  const t = translator(lang);
  const color = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
  const options = demoOptions(flags, command.kind === 'scenario' ? [command.name] : undefined);
  options.onProgress = progressPrinter(t, Boolean(process.stderr.isTTY) && !process.env.NO_COLOR);

  // From the installed package: under the current directory, never inside node_modules.
  const dir = flags.out ?? join(FROM_PACKAGE ? process.cwd() : ROOT, 'reports', timestamp());
  // Before the suite, not after it: a report directory the user cannot write is found at once.
  const problem = writableDirProblem(dir);
  if (problem !== undefined) {
    const who = { dir, uid: process.getuid?.() ?? -1, gid: process.getgid?.() ?? -1, reason: problem };
    process.stderr.write(`authscale: ${t('docker.reports.notWritable', who)}\n`);
    return 1;
  }
  let report: Report;
  try {
    report = await runDemo(options);
  } catch (error) {
    // The run itself failed: CI still gets its JUnit file, with the reason as an error.
    if (flags.junit) {
      const unchecked = (flags.thresholds ?? []).map((threshold) => threshold.expression);
      await junitOf(command, [], [error instanceof Error ? error.message : String(error)], unchecked);
    }
    throw error;
  }
  report.thresholds = evaluateThresholds(report, flags.thresholds ?? []);
  const paths = await writeReports(report, dir, { lang });
  const where = `${t('cli.reports')}\n  ${paths.json}\n  ${paths.md}\n  ${paths.html}\n`;
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    process.stderr.write(where);
  } else {
    process.stdout.write(`${renderTable(report, { color, lang })}\n${where}`);
  }
  const failed = failedScenarios(report, t);
  for (const line of failed) process.stderr.write(`${line}\n`);
  const lines = renderThresholdLines(report.thresholds, t).map((line) => paintMark(line, color));
  if (lines.length > 0) (flags.json ? process.stderr : process.stdout).write(`${lines.join('\n')}\n`);
  if (flags.junit) await junitOf(command, report.thresholds, failed);
  return thresholdExitCode(report.thresholds, failed.length > 0);
}

function junitOf(
  command: Extract<Command, { kind: 'demo' | 'scenario' }>,
  results: ThresholdResult[],
  runErrors: string[],
  unchecked: string[] = [],
): Promise<void> {
  const suite = command.kind === 'scenario' ? `authscale scenario ${command.name}` : 'authscale demo';
  return writeJunit(command.flags.junit!, results, { suite, runErrors, unchecked });
}

/** ✓ green, ✗ red, ? yellow on a terminal; plain in CI logs. */
function paintMark(line: string, color: boolean): string {
  if (!color) return line;
  const mark = line.trimStart()[0];
  const code = mark === '✗' ? 31 : mark === '?' ? 33 : mark === '✓' ? 32 : 0;
  return code ? `\x1b[${code}m${line}\x1b[0m` : line;
}

/** The language for messages printed before the flags are parsed: --lang if given, else the locale. */
function langOfArgv(argv: string[]): Lang {
  const index = argv.indexOf('--lang');
  const value = index >= 0 ? argv[index + 1] : argv.find((arg) => arg.startsWith('--lang='))?.slice(7);
  return isLang(value) ? value : langFromEnv();
}

/**
 * `demo [flags]`, `scenario NAME [flags]`, `cluster [flags]` (argv starts with the command word).
 * Prints, and returns the exit code; the caller exits.
 */
export async function runScenariosCli(argv: string[]): Promise<number> {
  let command: Command;
  try {
    command = parseCommand(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      const t = translator(langOfArgv(argv));
      const message = t('cli.usage-error', { message: t(error.key, error.params) });
      process.stderr.write(`authscale: ${message}\n`);
      return 2;
    }
    throw error;
  }
  switch (command.kind) {
    case 'help':
      process.stdout.write(`${usage(langOfArgv(argv))}\n`);
      return 0;
    case 'list-figures':
      process.stdout.write(figureListText(translator(langOfArgv(argv))));
      return 0;
    case 'cluster':
      return runCluster(command.flags);
    default:
      return runReport(command);
  }
}
