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

export interface LineSeries {
  name: string;
  points: { x: number; y: number }[];
  color?: string;
  /** Dashed and without dots: a theory line such as (N-1)/N. */
  dashed?: boolean;
}

export interface LineChartOptions {
  title: string;
  series: LineSeries[];
  xLabel: string;
  format?: (value: number) => string;
  yMax?: number;
  /** A sentence under the axis (a caveat the figure must not be read without). */
  caption?: string;
  width?: number;
  height?: number;
}

/** Line chart over numeric x (e.g. node count) with optional dashed theory lines; inline SVG string. */
export function lineChart(options: LineChartOptions): string {
  const format = options.format ?? ((v: number) => round(v));
  const frame = chartFrame(options);
  if (options.caption) {
    frame.height += 22;
    frame.bottom += 22;
  }
  const all = options.series.flatMap((s) => s.points);
  const xs = all.map((p) => p.x);
  const xMin = Math.min(...xs, Number.POSITIVE_INFINITY) === Number.POSITIVE_INFINITY ? 0 : Math.min(...xs);
  const xMax = Math.max(xMin + 1, ...xs);
  const yMax = options.yMax ?? niceMax(Math.max(0, ...all.map((p) => p.y)));
  const xOf = (x: number) => frame.left + ((x - xMin) / (xMax - xMin)) * plotWidth(frame);
  const yOf = (y: number) => frame.top + plotHeight(frame) * (1 - Math.min(y, yMax) / yMax);
  const baseY = frame.top + plotHeight(frame);
  const parts = [svgOpen(frame, options.title), yAxis(frame, yMax, format)];
  parts.push(
    legend(
      frame,
      options.series.map((s, i) => ({
        name: s.name,
        color: s.color ?? PALETTE[i % PALETTE.length]!,
        ...(s.dashed && { dashed: true }),
      })),
    ),
  );
  // x ticks at every distinct x value (node counts are few and integral).
  for (const x of [...new Set(xs)].sort((a, b) => a - b)) {
    parts.push(text(xOf(x), baseY + 16, String(x), { anchor: 'middle', size: 11, fill: '#555' }));
  }
  parts.push(
    text(frame.left + plotWidth(frame) / 2, baseY + 34, options.xLabel, { anchor: 'middle', size: 11 }),
  );
  options.series.forEach((series, i) => {
    const color = escapeHtml(series.color ?? PALETTE[i % PALETTE.length]!);
    const sorted = [...series.points].sort((a, b) => a.x - b.x);
    if (sorted.length === 0) return;
    const path = sorted.map((p) => `${round(xOf(p.x))},${round(yOf(p.y))}`).join(' ');
    const dash = series.dashed ? ' stroke-dasharray="6 4"' : '';
    parts.push(`<polyline points="${path}" fill="none" stroke="${color}" stroke-width="2"${dash}/>`);
    if (!series.dashed) {
      for (const p of sorted) {
        parts.push(
          `<circle cx="${round(xOf(p.x))}" cy="${round(yOf(p.y))}" r="3.5" fill="${color}"><title>${escapeHtml(`${series.name}, ${options.xLabel} ${p.x}: ${format(p.y)}`)}</title></circle>`,
        );
      }
    }
  });
  if (options.caption) {
    parts.push(text(frame.left, frame.height - 6, `⚠ ${options.caption}`, { size: 11, fill: '#7a4d00' }));
  }
  parts.push('</svg>');
  return parts.join('');
}
