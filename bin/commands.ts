import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../cluster/entrypoints.ts';
import { isLang, type Lang, langFromEnv, type MessageKey, translator } from '../lib/i18n/index.ts';

/**
 * The `authscale` command of the package: one row per command, what `--help` says about it and
 * how it runs. Each row loads its CLI only when chosen and returns its exit code; the CLIs parse
 * their own flags (the same as their npm scripts).
 */
export interface CommandRow {
  summary: MessageKey;
  run(argv: string[]): Promise<number>;
}

const scenarios = async (argv: string[]) =>
  (await import('../scenarios/cli/run-cli.ts')).runScenariosCli(argv);

export const COMMANDS: Record<string, CommandRow> = {
  demo: { summary: 'bin.command.demo', run: (argv) => scenarios(['demo', ...argv]) },
  scenario: { summary: 'bin.command.scenario', run: (argv) => scenarios(['scenario', ...argv]) },
  cluster: { summary: 'bin.command.cluster', run: (argv) => scenarios(['cluster', ...argv]) },
  classroom: {
    summary: 'bin.command.classroom',
    run: async (argv) => (await import('../classroom/cli.ts')).runClassroomCli(argv),
  },
  audit: {
    summary: 'bin.command.audit',
    run: async (argv) => (await import('../audit/cli.ts')).runAuditCli(argv),
  },
};

export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

/** --lang if given (the help comes before any command parses it), else the locale. */
function langOf(argv: string[]): Lang {
  const index = argv.indexOf('--lang');
  const value = index >= 0 ? argv[index + 1] : argv.find((arg) => arg.startsWith('--lang='))?.slice(7);
  return isLang(value) ? value : langFromEnv();
}

export function binUsage(lang: Lang): string {
  const t = translator(lang);
  const commands = Object.entries(COMMANDS)
    .map(([name, row]) => `  ${name.padEnd(26)} ${t(row.summary)}`)
    .join('\n');
  return t('bin.usage', { version: packageVersion(), commands });
}

/** `authscale <command> [flags]`: prints, and returns the exit code (2: bad usage). */
export async function runAuthscale(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-v') {
    process.stdout.write(`${packageVersion()}\n`);
    return 0;
  }
  const lang = langOf(argv);
  if (name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${binUsage(lang)}\n`);
    return 0;
  }
  const row = name === undefined ? undefined : COMMANDS[name];
  if (row && Object.hasOwn(COMMANDS, name!)) return row.run(rest);
  const t = translator(lang);
  const problem =
    name === undefined || name.startsWith('-')
      ? t('bin.no-command')
      : t('bin.unknown-command', { text: name, commands: Object.keys(COMMANDS).join(', ') });
  process.stderr.write(`authscale: ${t('cli.usage-error', { message: problem })}\n`);
  return 2;
}
