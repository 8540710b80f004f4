import { isRunMode, type RunMode } from '../../cluster/run-modes.ts';
import { isLang, type Lang, langFromEnv, type Translate, translator } from '../../lib/i18n/index.ts';
import type { Metric } from './growth.ts';
import { runSoak, type SoakReport } from './run-soak.ts';

/** `npm run soak -- --minutes N --mode M [--rate R] [--nodes N] [--json] [--lang en|ko]`. */
interface CliOptions {
  minutes: number;
  mode: RunMode;
  rate: number;
  nodes: number;
  json: boolean;
  lang: Lang;
}

class UsageError extends Error {}

function parse(argv: string[]): CliOptions {
  const options: Partial<CliOptions> = { rate: 50, nodes: 3, json: false, lang: langFromEnv() };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    if (flag === '--json') {
      options.json = true;
      continue;
    }
    const value = argv[++i];
    const number = Number(value);
    if (flag === '--mode' && isRunMode(value)) options.mode = value;
    else if (flag === '--lang' && isLang(value)) options.lang = value;
    else if (flag === '--minutes' && number > 0 && number <= 24 * 60) options.minutes = number;
    else if (flag === '--rate' && number > 0 && number <= 10_000) options.rate = number;
    else if (flag === '--nodes' && Number.isInteger(number) && number >= 1 && number <= 16)
      options.nodes = number;
    else throw new UsageError(`${flag} ${value ?? ''}`.trim());
  }
  if (options.minutes === undefined) throw new UsageError('--minutes');
  if (options.mode === undefined) throw new UsageError('--mode');
  return options as CliOptions;
}

function amount(metric: Metric, value: number): string {
  if (metric === 'rssBytes' || metric === 'heapBytes') return `${(value / (1024 * 1024)).toFixed(2)} MiB`;
  return value.toFixed(metric === 'fds' || metric === 'sockets' ? 1 : 0);
}

function render(report: SoakReport, t: Translate): string {
  const header = ['process', 'metric', 'first', 'last', 'slope', 'threshold', 'verdict'].map((col) =>
    t(`soak.col.${col}` as Parameters<Translate>[0]),
  );
  const rows = report.processes.flatMap((proc) =>
    proc.growth.map((g) => [
      proc.pid > 0 ? `${proc.name} (${proc.pid})` : proc.name,
      t(`soak.metric.${g.metric}`),
      amount(g.metric, g.first),
      amount(g.metric, g.last),
      `${g.slopePerMinute >= 0 ? '+' : ''}${amount(g.metric, g.slopePerMinute)}`,
      amount(g.metric, g.thresholdPerMinute),
      g.informational
        ? t('soak.informational', { verdict: t(`soak.verdict.${g.verdict}`) })
        : t(`soak.verdict.${g.verdict}`),
    ]),
  );
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
  const statuses = Object.entries(report.traffic.byStatus)
    .map(([status, count]) => `${status}: ${count}`)
    .join(', ');
  const load = (values: number[]) => values.map((v) => v.toFixed(2)).join(' ');
  return [
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
    ...report.processes.filter((proc) => proc.gone).map((proc) => t('soak.gone', { name: proc.name })),
    t('soak.summary', {
      sent: report.traffic.sent,
      statuses,
      skipped: report.traffic.skipped,
      warmup: (report.warmupMs / 1000).toFixed(0),
      interval: (report.sampleIntervalMs / 1000).toFixed(1),
      before: load(report.loadBefore),
      after: load(report.loadAfter),
      cores: report.cores,
    }),
    t(`soak.result.${report.verdict}`),
    '',
  ].join('\n');
}

async function main(): Promise<number> {
  let options: CliOptions;
  try {
    options = parse(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    const t = translator(langFromEnv());
    process.stderr.write(`${t('soak.badFlag', { flag: error.message })}\n${t('soak.usage')}\n`);
    return 2;
  }
  const t = translator(options.lang);
  const durationMs = options.minutes * 60_000;
  process.stderr.write(
    `${t('soak.starting', {
      mode: options.mode,
      minutes: options.minutes,
      rate: options.rate,
      nodes: options.nodes,
      strategy: options.mode === 'memory' ? 'sticky' : 'round-robin',
    })}\n`,
  );
  let lastReport = 0;
  const report = await runSoak({
    mode: options.mode,
    durationMs,
    rate: options.rate,
    nodes: options.nodes,
    onProgress: (elapsed) => {
      if (elapsed - lastReport < 30_000) return;
      lastReport = elapsed;
      const total = (durationMs / 1000).toFixed(0);
      process.stderr.write(`${t('soak.progress', { elapsed: (elapsed / 1000).toFixed(0), total })}\n`);
    },
  });
  process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : render(report, t));
  return report.verdict === 'growing' ? 1 : 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  // A cluster that cannot start (no redis-server, ports, a slow machine): one line, no stack.
  process.stderr.write(`soak: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
