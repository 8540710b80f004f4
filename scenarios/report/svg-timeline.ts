import type { TimelinePoint } from '../types.ts';
import { escapeHtml } from './escape.ts';
import {
  FAIL_COLOR,
  type Frame,
  legend,
  niceMax,
  OK_COLOR,
  plotHeight,
  plotWidth,
  round,
  svgOpen,
  text,
  yAxis,
} from './svg-common.ts';

export interface TimelineChartOptions {
  title: string;
  points: TimelinePoint[];
  /** Seconds at which something was broken on purpose (kill, stop), drawn as a vertical line. */
  eventAt?: number;
  eventLabel?: string;
  width?: number;
  height?: number;
}

/** The timeline's bucket width: the smallest gap between consecutive points (1 s if unknown). */
function bucketSeconds(points: TimelinePoint[]): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 1; i < points.length; i++) {
    const gap = points[i]!.t - points[i - 1]!.t;
    if (gap > 1e-9 && gap < best) best = gap;
  }
  return Number.isFinite(best) ? best : 1;
}

/** A tick step of 0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10… seconds, at least `raw`. */
function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(Math.max(raw, 1e-6)));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * power >= raw) return m * power;
  return 10 * power;
}

/** Requests per time bucket as stacked columns: ok (green) under failed (red). */
export function timelineChart(options: TimelineChartOptions): string {
  const frame: Frame = {
    width: options.width ?? 560,
    height: options.height ?? 220,
    left: 48,
    right: 16,
    top: 48,
    bottom: 40,
  };
  const points = [...options.points].sort((a, b) => a.t - b.t);
  const max = Math.max(5, niceMax(Math.max(1, ...points.map((p) => p.ok + p.failed))));
  const bucket = bucketSeconds(points);
  const tMax = Math.max(bucket, ...points.map((p) => p.t + bucket));
  const xOf = (t: number) => frame.left + (t / tMax) * plotWidth(frame);
  const slot = (bucket / tMax) * plotWidth(frame);
  const baseY = frame.top + plotHeight(frame);
  const h = (n: number) => (n / max) * plotHeight(frame);
  const parts = [
    svgOpen(frame, options.title),
    yAxis(frame, max, (v) => round(v)),
    legend(frame, [
      { name: 'ok', color: OK_COLOR },
      { name: 'failed', color: FAIL_COLOR },
    ]),
  ];
  for (const p of points) {
    const x = xOf(p.t) + 1;
    const w = Math.max(1, slot - (slot > 6 ? 2 : 0.5));
    const okH = h(p.ok);
    const failH = h(p.failed);
    const tip = `<title>${escapeHtml(`t=${round(p.t)} s: ${p.ok} ok, ${p.failed} failed`)}</title>`;
    parts.push(
      `<rect x="${round(x)}" y="${round(baseY - okH)}" width="${round(w)}" height="${round(okH)}" fill="${OK_COLOR}">${tip}</rect>`,
    );
    if (p.failed > 0) {
      parts.push(
        `<rect x="${round(x)}" y="${round(baseY - okH - failH)}" width="${round(w)}" height="${round(failH)}" fill="${FAIL_COLOR}">${tip}</rect>`,
      );
    }
  }
  const step = niceStep(tMax / 8);
  for (let i = 0; i * step <= tMax + 1e-9; i++) {
    const label = String(Math.round(i * step * 100) / 100);
    parts.push(text(xOf(i * step), baseY + 14, label, { anchor: 'middle', size: 10, fill: '#555' }));
  }
  parts.push(text(frame.left + plotWidth(frame) / 2, baseY + 30, 'seconds', { anchor: 'middle', size: 11 }));
  if (options.eventAt !== undefined) {
    const x = xOf(options.eventAt);
    parts.push(
      `<line x1="${round(x)}" y1="${frame.top}" x2="${round(x)}" y2="${baseY}" stroke="#000" stroke-width="1.5" stroke-dasharray="4 3"/>`,
      text(x + 4, frame.top + 10, options.eventLabel ?? 'fault', { size: 10 }),
    );
  }
  if (points.length === 0) {
    parts.push(
      text(frame.left + plotWidth(frame) / 2, baseY - 20, 'no data', { anchor: 'middle', fill: '#999' }),
    );
  }
  parts.push('</svg>');
  return parts.join('');
}
