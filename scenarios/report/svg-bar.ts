import { escapeHtml } from './escape.ts';
import {
  chartFrame,
  legend,
  niceMax,
  PALETTE,
  plotHeight,
  plotWidth,
  round,
  svgOpen,
  text,
  yAxis,
} from './svg-common.ts';

export interface BarSeries {
  name: string;
  /** One value per category; `null` draws "skipped" (or `missingLabel`) instead of a bar. */
  values: (number | null)[];
  color?: string;
}

export interface BarChartOptions {
  title: string;
  categories: string[];
  series: BarSeries[];
  /** Per category, a dashed reference line across its bars (e.g. the expected failure rate). */
  markers?: (number | undefined)[];
  markerLabel?: string;
  format?: (value: number) => string;
  yMax?: number;
  missingLabel?: string;
  /** Per category, a min–max whisker over the first series' bar (figures measured in rounds). */
  ranges?: ({ min: number; max: number } | undefined)[];
  rangeLabel?: string;
  width?: number;
  height?: number;
}

/** Where everything of one bar chart goes. */
interface BarLayout {
  frame: ReturnType<typeof chartFrame>;
  format: (value: number) => string;
  /** The y axis' top value. */
  max: number;
  groupWidth: number;
  barWidth: number;
  baseY: number;
  yOf(value: number): number;
}

function barLayout(options: BarChartOptions): BarLayout {
  const format = options.format ?? ((v: number) => round(v));
  const frame = chartFrame(options);
  const values = options.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const markers = (options.markers ?? []).filter((v): v is number => v !== undefined);
  const rangeMaxima = (options.ranges ?? []).flatMap((r) => (r ? [r.max] : []));
  // Counts (all integers) get an axis of at least 0…5 so no tick lands between whole numbers.
  const counts = [...values, ...markers].every(Number.isInteger);
  const max =
    options.yMax ?? Math.max(counts ? 5 : 0, niceMax(Math.max(0, ...values, ...markers, ...rangeMaxima)));
  const groupWidth = plotWidth(frame) / Math.max(1, options.categories.length);
  const barWidth = Math.min(48, (groupWidth * 0.7) / Math.max(1, options.series.length));
  const baseY = frame.top + plotHeight(frame);
  const yOf = (value: number) => baseY - (Math.min(value, max) / max) * plotHeight(frame);
  return { frame, format, max, groupWidth, barWidth, baseY, yOf };
}

/** The legend (series, then the marker and whisker keys), or nothing for one plain series. */
function barLegend(options: BarChartOptions, frame: BarLayout['frame']): string[] {
  const legendEntries: { name: string; color: string; dashed?: boolean; whisker?: boolean }[] =
    options.series.map((s, i) => ({
      name: s.name,
      color: s.color ?? PALETTE[i % PALETTE.length]!,
    }));
  if (options.markers?.some((m) => m !== undefined)) {
    legendEntries.push({ name: options.markerLabel ?? 'expected', color: '#000', dashed: true });
  }
  if (options.ranges?.some((r) => r !== undefined)) {
    legendEntries.push({ name: options.rangeLabel ?? 'min–max', color: '#000', whisker: true });
  }
  return options.series.length > 1 || options.markers || options.ranges ? [legend(frame, legendEntries)] : [];
}

/** Category `c`'s bars with their value labels. */
function bars(options: BarChartOptions, layout: BarLayout, c: number, groupLeft: number): string[] {
  const { barWidth, baseY, format } = layout;
  const category = options.categories[c]!;
  return options.series.flatMap((series, s) => {
    const value = series.values[c] ?? null;
    const x = groupLeft + s * barWidth;
    if (value === null) return [];
    const y = layout.yOf(value);
    const color = series.color ?? PALETTE[s % PALETTE.length]!;
    return [
      `<rect x="${round(x + 1)}" y="${round(y)}" width="${round(barWidth - 2)}" height="${round(baseY - y)}" fill="${escapeHtml(color)}"><title>${escapeHtml(`${category} · ${series.name}: ${format(value)}`)}</title></rect>`,
      // With a whisker the label sits beside it, not under its line.
      options.ranges?.[c] && s === 0
        ? text(x + barWidth / 2 + 7, Math.min(y, baseY - 6) - 2, format(value), { size: 10 })
        : text(x + barWidth / 2, y - 4, format(value), { anchor: 'middle', size: 10 }),
    ];
  });
}

/** The min–max whisker over category `c`'s first bar, if it has one. */
function whisker(options: BarChartOptions, layout: BarLayout, c: number, groupLeft: number): string[] {
  const range = options.ranges?.[c];
  if (!range) return [];
  const { format } = layout;
  const x = groupLeft + layout.barWidth / 2;
  const [y1, y2] = [layout.yOf(range.min), layout.yOf(range.max)];
  return [
    `<g class="range" data-min="${range.min}" data-max="${range.max}"><title>${escapeHtml(`${options.categories[c]} · ${options.rangeLabel ?? 'min–max'}: ${format(range.min)}–${format(range.max)}`)}</title>` +
      `<line x1="${round(x)}" y1="${round(y1)}" x2="${round(x)}" y2="${round(y2)}" stroke="#000" stroke-width="1.5"/>` +
      `<line x1="${round(x - 5)}" y1="${round(y1)}" x2="${round(x + 5)}" y2="${round(y1)}" stroke="#000" stroke-width="1.5"/>` +
      `<line x1="${round(x - 5)}" y1="${round(y2)}" x2="${round(x + 5)}" y2="${round(y2)}" stroke="#000" stroke-width="1.5"/></g>`,
  ];
}

/** Category `c`'s dashed reference line across its bars, if it has one. */
function marker(options: BarChartOptions, layout: BarLayout, c: number, groupLeft: number): string[] {
  const value = options.markers?.[c];
  if (value === undefined) return [];
  const y = layout.yOf(value);
  const x1 = groupLeft - 6;
  const x2 = groupLeft + layout.barWidth * options.series.length + 6;
  return [
    `<line x1="${round(x1)}" y1="${round(y)}" x2="${round(x2)}" y2="${round(y)}" stroke="#000" stroke-width="2" stroke-dasharray="5 3"><title>${escapeHtml(`${options.markerLabel ?? 'expected'}: ${layout.format(value)}`)}</title></line>`,
  ];
}

/** Everything drawn for category `c`: its bars (or one "skipped" label), whisker, marker, name. */
function categoryGroup(options: BarChartOptions, layout: BarLayout, c: number): string[] {
  const { frame, groupWidth, barWidth, baseY } = layout;
  const groupLeft = frame.left + c * groupWidth + (groupWidth - barWidth * options.series.length) / 2;
  const parts: string[] = [];
  // One "skipped" label per category, not one per series (they would overlap).
  if (options.series.every((series) => (series.values[c] ?? null) === null)) {
    parts.push(
      text(frame.left + (c + 0.5) * groupWidth, baseY - 6, options.missingLabel ?? 'skipped', {
        anchor: 'middle',
        size: 10,
        fill: '#999',
      }),
    );
  }
  parts.push(
    ...bars(options, layout, c, groupLeft),
    ...whisker(options, layout, c, groupLeft),
    ...marker(options, layout, c, groupLeft),
    text(frame.left + (c + 0.5) * groupWidth, baseY + 18, options.categories[c]!, {
      anchor: 'middle',
      size: 11,
    }),
  );
  return parts;
}

/** Grouped vertical bar chart as an inline SVG string; every label is escaped. */
export function barChart(options: BarChartOptions): string {
  const layout = barLayout(options);
  const parts = [svgOpen(layout.frame, options.title), yAxis(layout.frame, layout.max, layout.format)];
  parts.push(...barLegend(options, layout.frame));
  options.categories.forEach((_, c) => {
    parts.push(...categoryGroup(options, layout, c));
  });
  parts.push('</svg>');
  return parts.join('');
}
