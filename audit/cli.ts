import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { STRATEGY_NAMES } from '../balancer/config.ts';
import { type Lang, langFromEnv, translator } from '../lib/i18n/index.ts';
import { figureListText } from '../scenarios/ci/catalogue.ts';
import { evaluateThresholds, thresholdExitCode } from '../scenarios/ci/evaluate.ts';
import { writeJunit } from '../scenarios/ci/junit.ts';
import { renderThresholdLines } from '../scenarios/ci/render.ts';
import { type AuditFlags, AuditUsageError, langOfArgv, parseAuditArgs } from './cli/args.ts';
import { verdictText } from './cli/print.ts';
import { AuditError } from './errors.ts';
import { loadProfile } from './profile/load-profile.ts';
import { writeAuditReports } from './report/write.ts';
import { type AuditStep, runAudit } from './run-audit.ts';

/** k6's exit code for a failed threshold; the audit's default threshold is `forgeries.accepted == 0`. */
export const THRESHOLD_FAILED = 99;

function usage(lang: Lang): string {
  const t = translator(lang);
  return `${t('audit.cli.usage', { strategies: STRATEGY_NAMES.join(' | '), lang })}\n${t('ci.usage.flags')}`;
}

function timestamp(): string {
  return new Date().toISOString().replace(/[:.]/g, '-').replace(/Z$/, '');
}

async function audit(flags: AuditFlags, lang: Lang): Promise<number> {
  const t = translator(lang);
  const profile = await loadProfile(flags.profile!);
  const controller = new AbortController();
  const stop = (signal: NodeJS.Signals) => {
    stoppedBy = signal;
    controller.abort();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const started = Date.now();
  const onStep = (step: AuditStep) => {
    const seconds = ((Date.now() - started) / 1000).toFixed(1).padStart(5);
    const params = { seconds: flags.quick ? 30 : 120 };
    process.stderr.write(`[${seconds}s] ${t(`audit.cli.step.${step}`, params)}\n`);
  };
  try {
    const report = await runAudit({
      profile,
      replicas: flags.replicas,
      strategy: flags.strategy,
      balancer: flags.balancer,
      quick: flags.quick,
      readyTimeoutMs: flags.readyTimeoutSeconds * 1000,
      onStep,
      signal: controller.signal,
    });
    report.thresholds = evaluateThresholds(report, flags.thresholds);
    const dir = resolve(flags.out ?? join('reports', `audit-${timestamp()}`));
    const paths = await writeAuditReports(report, dir, lang);
    if (flags.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else {
      process.stdout.write(`${verdictText(report, t, process.stdout.isTTY === true)}\n\n`);
      process.stdout.write(`${t('audit.cli.reports')}\n  ${paths.md}\n  ${paths.html}\n  ${paths.json}\n`);
    }
    const lines = renderThresholdLines(report.thresholds, t);
    if (lines.length > 0) (flags.json ? process.stderr : process.stdout).write(`${lines.join('\n')}\n`);
    if (flags.junit) await writeJunit(flags.junit, report.thresholds, { suite: 'authscale audit' });
    const accepted = report.audit.forgeries.filter((f) => f.accepted).length;
    if (flags.defaultThresholds && accepted > 0) {
      process.stderr.write(`${t('audit.cli.threshold-failed', { count: accepted })}\n`);
    }
    return thresholdExitCode(report.thresholds);
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

/** The stop signal that interrupted the audit: the exit code says which (130 SIGINT, 143 SIGTERM). */
let stoppedBy: NodeJS.Signals | undefined;

/** `npm run audit -- --profile FILE …`: parses, runs, prints; returns the exit code (never exits). */
export async function runAuditCli(argv: string[]): Promise<number> {
  const lang = langOfArgv(argv) ?? langFromEnv();
  const t = translator(lang);
  let flags: AuditFlags;
  try {
    flags = parseAuditArgs(argv);
  } catch (error) {
    if (!(error instanceof AuditUsageError)) throw error;
    process.stderr.write(`authscale audit: ${t(error.key, error.params)}\n\n${usage(lang)}\n`);
    return 2;
  }
  if (flags.help) {
    process.stdout.write(`${usage(lang)}\n`);
    return 0;
  }
  if (flags.listFigures) {
    process.stdout.write(figureListText(translator(flags.lang ?? lang)));
    return 0;
  }
  try {
    return await audit(flags, flags.lang ?? lang);
  } catch (error) {
    if (!(error instanceof AuditError)) throw error;
    const details = error.describe(t);
    const message =
      error.exitCode === 2
        ? t('audit.cli.error.profile', { file: flags.profile!, details })
        : t('audit.cli.error', { message: details });
    process.stderr.write(`authscale audit: ${message}\n`);
    if (error.code === 'interrupted') return stoppedBy === 'SIGTERM' ? 143 : 130;
    return error.exitCode;
  }
}

// The tiny main: only when this file itself is the program (`npm run audit`), never when bundled
// into the package's `authscale` command, which calls runAuditCli through its command table.
const isMain =
  import.meta.url.endsWith('/audit/cli.ts') &&
  process.argv[1] !== undefined &&
  import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain) {
  runAuditCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`authscale audit: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
