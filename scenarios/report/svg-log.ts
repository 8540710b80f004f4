import { escapeHtml } from './escape.ts';
import { chartFrame, legend, PALETTE, plotHeight, plotWidth, round, svgOpen, text } from './svg-common.ts';

export interface LogSeries {
  name: string;
  points: { x: number; y: number }[];
  color?: string;
  /** Dashed, without dots: figures derived from a setting rather than observed. */
  dashed?: boolean;
}

export interface LogChartOptions {
  title: string;
  series: LogSeries[];
  xLabel: string;
  format?: (value: number) => string;
  caption?: string;
  width?: number;
  height?: number;
}

/** Whole decades around [min, max] (at least one decade wide). */
function decades(values: number[]): { low: number; high: number } {
  const positive = values.filter((v) => v > 0);
  if (positive.length === 0) return { low: 0, high: 1 };
  const low = Math.floor(Math.log10(Math.min(...positive)));
  const high = Math.max(low + 1, Math.ceil(Math.log10(Math.max(...positive))));
  return { low, high };
}

const shortNumber = (value: number) =>
  value >= 1e9
    ? `${value / 1e9}G`
    : value >= 1e6
      ? `${value / 1e6}M`
      : value >= 1e3
        ? `${value / 1e3}k`
        : String(value);

/**
 * Line chart with logarithmic x and y (populations from 10^2 to 10^6, lifetimes from seconds to an
 * hour): one tick per decade. Values ≤ 0 cannot be drawn and are left out (the caption says so).
 */
export function logLineChart(options: LogChartOptions): string {
  const format = options.format ?? shortNumber;
  const frame = { ...chartFrame(options), left: 64 };
  const drawn = options.series.map((s) => ({ ...s, points: s.points.filter((p) => p.x > 0 && p.y > 0) }));
  const all = drawn.flatMap((s) => s.points);
  const xs = decades(all.map((p) => p.x));
  const ys = decades(all.map((p) => p.y));
  const xOf = (x: number) => frame.left + ((Math.log10(x) - xs.low) / (xs.high - xs.low)) * plotWidth(frame);
  const yOf = (y: number) =>
    frame.top + plotHeight(frame) * (1 - (Math.log10(y) - ys.low) / (ys.high - ys.low));
  const baseY = frame.top + plotHeight(frame);
  const parts = [svgOpen(frame, options.title)];
  for (let d = ys.low; d <= ys.high; d++) {
    const y = yOf(10 ** d);
    parts.push(
      `<line x1="${frame.left}" y1="${round(y)}" x2="${frame.width - frame.right}" y2="${round(y)}" stroke="#ddd" stroke-width="1"/>`,
      text(frame.left - 6, y + 4, format(10 ** d), { anchor: 'end', size: 11, fill: '#555' }),
    );
  }
  for (let d = xs.low; d <= xs.high; d++) {
    parts.push(
      text(xOf(10 ** d), baseY + 16, shortNumber(10 ** d), { anchor: 'middle', size: 11, fill: '#555' }),
    );
  }
  parts.push(
    text(frame.left + plotWidth(frame) / 2, baseY + 34, options.xLabel, { anchor: 'middle', size: 11 }),
  );
  const colorOf = (s: LogSeries, i: number) => s.color ?? PALETTE[i % PALETTE.length]!;
  parts.push(
    legend(
      frame,
      drawn.map((s, i) => ({ name: s.name, color: colorOf(s, i), ...(s.dashed && { dashed: true }) })),
    ),
  );
  drawn.forEach((series, i) => {
    const color = escapeHtml(colorOf(series, i));
    const sorted = [...series.points].sort((a, b) => a.x - b.x);
    if (sorted.length === 0) return;
    const path = sorted.map((p) => `${round(xOf(p.x))},${round(yOf(p.y))}`).join(' ');
    const dash = series.dashed ? ' stroke-dasharray="6 4"' : '';
    parts.push(`<polyline points="${path}" fill="none" stroke="${color}" stroke-width="2"${dash}/>`);
    if (series.dashed) return;
    for (const p of sorted) {
      const label = `${series.name}, ${options.xLabel} ${shortNumber(p.x)}: ${format(p.y)}`;
      parts.push(
        `<circle cx="${round(xOf(p.x))}" cy="${round(yOf(p.y))}" r="3.5" fill="${color}"><title>${escapeHtml(label)}</title></circle>`,
      );
    }
  });
  if (options.caption) {
    parts.push(text(frame.left, frame.height - 6, options.caption, { size: 11, fill: '#555' }));
  }
  parts.push('</svg>');
  return parts.join('');
}
