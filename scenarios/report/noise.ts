import type { MessageKey, Translate } from '../../lib/i18n/index.ts';
import type { LoadResult, PhaseTiming, Report, RunResult, Spread } from '../core/types.ts';
import { lookup } from './lookup.ts';
import { shortRunLabel } from './words.ts';

/**
 * Load figures come with their noise (docs/report.md, "Load with its noise"): runs are ordered only where
 * their min–max ranges are apart. Sorted by median, a `<` is written between two groups only when
 * every range on the left ends below every range on the right; inside a group runs are joined by
 * `≈` ("no clear difference") and listed without a rank.
 */
export interface NoiseVerdict {
  figure: MessageKey;
  /** Groups in ascending order; runs inside a group are not ranked. */
  groups: string[][];
}

const FIGURES: [MessageKey, (s: LoadResult['spread']) => Spread][] = [
  ['report.figure.cpu', (s) => s.cpuMicrosPerRequest],
  ['report.figure.rps', (s) => s.requestsPerSecond],
  ['report.figure.p99', (s) => s.latencyMs.p99],
];

export function groupBySpread(items: { name: string; spread: Spread }[]): string[][] {
  const sorted = items
    .map((item, index) => ({ ...item, index }))
    .sort((a, b) => a.spread.median - b.spread.median);
  const groups: string[][] = [];
  let current: typeof sorted = [];
  for (let i = 0; i < sorted.length; i++) {
    current.push(sorted[i]!);
    const leftMax = Math.max(...sorted.slice(0, i + 1).map((item) => item.spread.max));
    const rightMin = Math.min(...sorted.slice(i + 1).map((item) => item.spread.min));
    if (i === sorted.length - 1 || leftMax < rightMin) {
      // Inside a group the runs keep the report's order: listing them by median would rank them.
      groups.push(current.sort((a, b) => a.index - b.index).map((item) => item.name));
      current = [];
    }
  }
  return groups;
}

export function noiseVerdicts(report: Report, t: Translate): NoiseVerdict[] {
  const loaded = report.results.flatMap((run): { run: RunResult; load: LoadResult }[] => {
    const found = lookup(run, 'load');
    return found.kind === 'ok' && found.value.spread ? [{ run, load: found.value }] : [];
  });
  if (loaded.length < 2) return [];
  return FIGURES.map(([figure, pick]) => ({
    figure,
    groups: groupBySpread(
      loaded.map(({ run, load }) => ({ name: shortRunLabel(run, t), spread: pick(load.spread) })),
    ),
  }));
}

/** `p99 ms: jwt ≈ redis < memory sticky` — one line per figure. */
export function verdictLine(verdict: NoiseVerdict, t: Translate): string {
  const order = verdict.groups.map((group) => group.join(' ≈ ')).join(' < ');
  const key = verdict.groups.length === 1 ? 'report.noise.all-overlap' : 'report.noise.order';
  return t(key, { figure: t(verdict.figure), order });
}

const PHASE_NAMES: Partial<Record<PhaseTiming['phase'], MessageKey>> = {
  'fault-windows': 'report.machine.phase.fault-windows',
  quiet: 'report.machine.phase.quiet',
};

/**
 * The warning that other work may have moved the figures: measured other work in a contended
 * phase where the demo measured it, else the load average above the core count.
 */
export function loadWarning(report: Report, t: Translate): string | undefined {
  const w = report.machine.loadWarning;
  if (!w) return undefined;
  const phase = w.phase && PHASE_NAMES[w.phase];
  if (w.otherCores !== undefined && phase)
    return t('report.machine.other-work', {
      other: w.otherCores.toFixed(2),
      cores: w.cores,
      phase: t(phase),
    });
  return t('report.machine.overloaded', { peak: w.peak1m.toFixed(1), cores: w.cores });
}

/** How many cores the demo and other work used in its contended phases, where it measured that. */
export function phaseCpuLine(report: Report, t: Translate): string | undefined {
  const shares = (report.machine.timings ?? []).flatMap((timing) => {
    const phase = PHASE_NAMES[timing.phase];
    if (!phase || timing.ownCores === undefined || timing.otherCores === undefined) return [];
    const own = timing.ownCores.toFixed(2);
    return [t('report.machine.phase-share', { phase: t(phase), own, other: timing.otherCores.toFixed(2) })];
  });
  return shares.length > 0 ? t('report.machine.phase-cpu', { phases: shares.join('; ') }) : undefined;
}

/** Cores and the load average before and after, for the report header. */
export function machineLine(report: Report, t: Translate): string {
  const m = report.machine;
  const avg = (values: number[] | undefined) => (values ? values.map((v) => v.toFixed(2)).join(' / ') : '–');
  return t('report.machine.load', {
    cores: m.cores ?? m.cpus,
    before: avg(m.loadavgBefore),
    after: avg(m.loadavgAfter),
    peak: m.loadavgPeak1m === undefined ? '–' : m.loadavgPeak1m.toFixed(2),
  });
}
