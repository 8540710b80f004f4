import { join } from 'node:path';
import { ROOT } from '../cluster/entrypoints.ts';
import { type Command, type Flags, parseCommand, USAGE, UsageError } from './cli/args.ts';
import { runCluster } from './cli/cluster-command.ts';
import { type DemoOptions, type ProgressEvent, runDemo } from './demo.ts';
import { renderTable, writeReports } from './report/index.ts';
import { isSkipped, type Report } from './types.ts';

/**
 * `npm run demo`, `npm run scenario -- NAME`, `npm run cluster`: a thin shell over runDemo (which
 * never prints) and startCluster. Progress lines go to stderr (plain, one per step, also in CI), the
 * table or --json to stdout, the reports to reports/<timestamp>/ or --out.
 */
function demoOptions(flags: Flags, scenarios?: DemoOptions['scenarios']): DemoOptions {
  const options: DemoOptions = { quick: flags.quick };
  if (flags.modes) options.modes = flags.modes;
  if (flags.nodes !== undefined) options.nodes = flags.nodes;
  if (flags.users !== undefined) options.users = flags.users;
  if (flags.requests !== undefined) options.requests = flags.requests;
  if (flags.durationSeconds !== undefined) options.durationSeconds = flags.durationSeconds;
  if (flags.strategy) options.strategy = flags.strategy;
  if (flags.redis) options.redis = flags.redis;
  if (scenarios) options.scenarios = scenarios;
  if (flags.target) {
    options.target = flags.target;
    const env = process.env;
    options.targetSettings = {
      ...(env.ADMIN_TOKEN && { adminToken: env.ADMIN_TOKEN }),
      ...(env.REDIS_URL && { redisUrl: env.REDIS_URL }),
      ...(env.AUTH_SECRET && { secret: env.AUTH_SECRET }),
    };
  }
  return options;
}

function progressPrinter(color: boolean): (event: ProgressEvent) => void {
  const dim = (text: string) => (color ? `\x1b[2m${text}\x1b[0m` : text);
  const started = Date.now();
  const clock = () => dim(`[${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s]`);
  return (event) => {
    const run = `${event.mode}/${event.strategy}`;
    switch (event.type) {
      case 'run-start':
        process.stderr.write(`${clock()} ${run} (${event.nodes} nodes)…\n`);
        break;
      case 'run-skipped':
        process.stderr.write(`${clock()} ${run} skipped: ${event.reason}\n`);
        break;
      case 'scenario-end': {
        const status = event.skipped
          ? `skipped (${event.skipped})`
          : `done in ${(event.ms / 1000).toFixed(1)}s`;
        process.stderr.write(`${clock()}   ${run} ${event.scenario}: ${status}\n`);
        break;
      }
      case 'load-round':
        process.stderr.write(
          `${clock()}   ${run} load round ${event.round}/${event.rounds}: ${(event.ms / 1000).toFixed(1)}s\n`,
        );
        break;
      default:
        break;
    }
  };
}

function timestamp(): string {
  return new Date()
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/:/g, '-');
}

function failedScenarios(report: Report): string[] {
  const failed: string[] = [];
  for (const run of report.results) {
    for (const [name, result] of Object.entries(run.scenarios)) {
      if (isSkipped(result) && result.reason.startsWith('failed:')) {
        failed.push(`${run.mode}/${run.strategy} ${name}: ${result.reason}`);
      }
    }
  }
  return failed;
}

async function runReport(command: Extract<Command, { kind: 'demo' | 'scenario' }>): Promise<number> {
  const { flags } = command;
  const color = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
  const options = demoOptions(flags, command.kind === 'scenario' ? [command.name] : undefined);
  // Plain lines, one per step, also when stderr is not a terminal (CI logs).
  options.onProgress = progressPrinter(color && Boolean(process.stderr.isTTY));

  const report = await runDemo(options);
  const dir = flags.out ?? join(ROOT, 'reports', timestamp());
  const paths = await writeReports(report, dir);
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    process.stderr.write(`reports: ${paths.json}, ${paths.md}, ${paths.html}\n`);
  } else {
    process.stdout.write(`${renderTable(report, { color })}\n`);
    process.stdout.write(`\nreports:\n  ${paths.json}\n  ${paths.md}\n  ${paths.html}\n`);
  }
  const failed = failedScenarios(report);
  for (const line of failed) process.stderr.write(`error: ${line}\n`);
  return failed.length > 0 ? 1 : 0;
}

async function main(argv: string[]): Promise<number> {
  let command: Command;
  try {
    command = parseCommand(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`authscale: ${error.message} (see --help)\n`);
      return 2;
    }
    throw error;
  }
  switch (command.kind) {
    case 'help':
      process.stdout.write(`${USAGE}\n`);
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
