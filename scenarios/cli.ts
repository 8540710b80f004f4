import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../cluster/entrypoints.ts';
import { isLang, type Lang, langFromEnv, type Translate, translator } from '../lib/i18n/index.ts';
import { writableDirProblem } from '../lib/writable-dir.ts';
import { type Command, type Flags, parseCommand, UsageError, usage } from './cli/args.ts';
import { runCluster } from './cli/cluster-command.ts';
import { type DemoOptions, runDemo } from './core/demo.ts';
import { isSkipped, type ProgressEvent, type Report } from './core/types.ts';
import { renderTable, writeReports } from './report/index.ts';
import { safe } from './report/table.ts';
import { modeName, scenarioName, skipReason, strategyName } from './report/words.ts';

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
  if (flags.balancer) options.balancer = flags.balancer;
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

  const dir = flags.out ?? join(ROOT, 'reports', timestamp());
  // Before the suite, not after it: a report directory the user cannot write is found at once.
  const problem = writableDirProblem(dir);
  if (problem !== undefined) {
    const who = { dir, uid: process.getuid?.() ?? -1, gid: process.getgid?.() ?? -1, reason: problem };
    process.stderr.write(`authscale: ${t('docker.reports.notWritable', who)}\n`);
    return 1;
  }
  const report = await runDemo(options);
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
  return failed.length > 0 ? 1 : 0;
}

/** The language for messages printed before the flags are parsed: --lang if given, else the locale. */
function langOfArgv(argv: string[]): Lang {
  const index = argv.indexOf('--lang');
  const value = index >= 0 ? argv[index + 1] : argv.find((arg) => arg.startsWith('--lang='))?.slice(7);
  return isLang(value) ? value : langFromEnv();
}

async function main(argv: string[]): Promise<number> {
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
      process.stdout.write(`${usage(langOfArgv(process.argv.slice(2)))}\n`);
      return 0;
    case 'cluster':
      return runCluster(command.flags);
    default:
      return runReport(command);
  }
}

try {
  const code = await main(process.argv.slice(2));
  process.exit(code);
} catch (error) {
  process.stderr.write(`authscale: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
