import type { FaultTimes, KindCounts, TimelinePoint } from '../core/types.ts';
import { escapeHtml } from './escape.ts';
import { FAIL_COLOR, legend, niceMax, OK_COLOR, round, svgOpen, text } from './svg-common.ts';

/**
 * A failure timeline: one lane per kind of request (access, refresh, login) on a shared time axis,
 * ok (green, ✓) under failed (red, ✗) in each bucket, the fault shaded from its begin to its end and
 * a node kill marked with a line. Every bar carries its counts (`data-ok`, `data-failed`, `<title>`)
 * so what is drawn can be checked against the totals printed beside it.
 */
export interface TimelineLabels {
  ok: string;
  failed: string;
  seconds: string;
  fault: string;
  kill: string;
  noData: string;
  /** `{kind}: {ok} ok, {failed} failed` per lane, already translated. */
  lane: (kind: string, totals: KindCounts) => string;
  kinds: Record<'access' | 'refresh' | 'login' | 'all', string>;
}

export interface TimelineChartOptions {
  title: string;
  points: TimelinePoint[];
  bucketSeconds?: number;
  fault?: FaultTimes;
  labels: TimelineLabels;
  width?: number;
}

type Lane = { kind: 'access' | 'refresh' | 'login' | 'all'; pick: (p: TimelinePoint) => KindCounts };

function lanesOf(points: TimelinePoint[]): Lane[] {
  const kinds = (['access', 'refresh', 'login'] as const).filter((kind) =>
    points.some((p) => p[kind] && p[kind].ok + p[kind].failed > 0),
  );
  if (kinds.length === 0 || points.some((p) => !p.access)) return [{ kind: 'all', pick: (p) => p }];
  return kinds.map((kind) => ({ kind, pick: (p) => p[kind] }));
}

/** The smallest gap between consecutive points (1 s if unknown). */
function bucketOf(points: TimelinePoint[]): number {
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

const LANE_HEIGHT = 64;
const LANE_GAP = 22;

/** Where everything goes: the frame, the time scale and the lanes' bottom. */
interface Geometry {
  frame: { width: number; height: number; left: number; right: number; top: number; bottom: number };
  left: number;
  top: number;
  plotW: number;
  tMax: number;
  slot: number;
  bottomY: number;
  xOf: (t: number) => number;
}

function geometryOf(options: TimelineChartOptions, points: TimelinePoint[], laneCount: number): Geometry {
  const width = options.width ?? 560;
  const left = 44;
  const right = 12;
  // Title and legend above, then a row for the fault and kill labels, then the lanes.
  const top = 66;
  const plotW = width - left - right;
  const height = top + laneCount * (LANE_HEIGHT + LANE_GAP) + 34;
  const bucket = options.bucketSeconds ?? bucketOf(points);
  const tMax = Math.max(bucket, ...points.map((p) => p.t + bucket), options.fault?.endedAt ?? 0);
  return {
    frame: { width, height, left, right, top, bottom: 28 },
    left,
    top,
    plotW,
    tMax,
    slot: (bucket / tMax) * plotW,
    bottomY: top + laneCount * (LANE_HEIGHT + LANE_GAP) - LANE_GAP + 4,
    xOf: (t: number) => left + (Math.min(t, tMax) / tMax) * plotW,
  };
}

/** The fault's span, shaded across every lane. */
function faultShade(fault: FaultTimes, g: Geometry, labels: TimelineLabels): string {
  const x1 = g.xOf(fault.beganAt);
  const x2 = fault.endedAt === undefined ? g.left + g.plotW : g.xOf(fault.endedAt);
  return `<rect class="fault" x="${round(x1)}" y="${g.top}" width="${round(Math.max(1, x2 - x1))}" height="${round(g.bottomY - g.top)}" fill="#9e9e9e" fill-opacity="0.22" stroke="#757575" stroke-dasharray="3 2"><title>${escapeHtml(labels.fault)}</title></rect>`;
}

/** One bucket of one lane: ok stacked under failed, with its counts as data and a tooltip. */
function bucketBar(
  p: TimelinePoint,
  lane: Lane,
  g: Geometry,
  baseY: number,
  h: (n: number) => number,
  labels: TimelineLabels,
): string {
  const c = lane.pick(p);
  const x = g.xOf(p.t) + 0.5;
  const w = Math.max(1, g.slot - (g.slot > 6 ? 1.5 : 0.3));
  const tip = `<title>${escapeHtml(`${labels.kinds[lane.kind]} t=${round(p.t)} s: ${c.ok} ${labels.ok}, ${c.failed} ${labels.failed}`)}</title>`;
  const data = `data-kind="${lane.kind}" data-t="${round(p.t)}" data-ok="${c.ok}" data-failed="${c.failed}"`;
  const okH = h(c.ok);
  const failH = h(c.failed);
  return (
    `<g class="bucket" ${data}>${tip}` +
    (c.ok > 0
      ? `<rect x="${round(x)}" y="${round(baseY - okH)}" width="${round(w)}" height="${round(okH)}" fill="${OK_COLOR}"/>`
      : '') +
    (c.failed > 0
      ? `<rect x="${round(x)}" y="${round(baseY - okH - failH)}" width="${round(w)}" height="${round(failH)}" fill="${FAIL_COLOR}"/>`
      : '') +
    '</g>'
  );
}

/** One lane: its label with totals, its scale, its baseline and its buckets. */
function laneParts(
  lane: Lane,
  i: number,
  points: TimelinePoint[],
  g: Geometry,
  labels: TimelineLabels,
): string[] {
  const laneTop = g.top + i * (LANE_HEIGHT + LANE_GAP) + 14;
  const baseY = laneTop + LANE_HEIGHT - 14;
  const totals = points.reduce(
    (acc, p) => ({ ok: acc.ok + lane.pick(p).ok, failed: acc.failed + lane.pick(p).failed }),
    { ok: 0, failed: 0 },
  );
  const max = niceMax(Math.max(1, ...points.map((p) => lane.pick(p).ok + lane.pick(p).failed)));
  const h = (n: number) => (n / max) * (LANE_HEIGHT - 14);
  return [
    text(g.left + 2, laneTop - 4, labels.lane(labels.kinds[lane.kind], totals), {
      size: 11,
      weight: '600',
      halo: true,
    }),
    text(g.left - 4, laneTop + 8, String(max), { anchor: 'end', size: 10, fill: '#555' }),
    text(g.left - 4, baseY, '0', { anchor: 'end', size: 10, fill: '#555' }),
    `<line x1="${g.left}" y1="${round(baseY)}" x2="${g.left + g.plotW}" y2="${round(baseY)}" stroke="#888" stroke-width="1"/>`,
    ...points.map((p) => bucketBar(p, lane, g, baseY, h, labels)),
  ];
}

/** Above the lanes: the kill line and label, or the fault's name over its span. */
function faultLabel(fault: FaultTimes | undefined, g: Geometry, labels: TimelineLabels): string[] {
  if (fault?.killedAt !== undefined) {
    const x = g.xOf(fault.killedAt);
    return [
      `<line class="kill" x1="${round(x)}" y1="${g.top - 2}" x2="${round(x)}" y2="${round(g.bottomY)}" stroke="#000" stroke-width="2"/>`,
      text(x, g.top - 6, `✕ ${labels.kill}`, { size: 10, weight: '600', anchor: 'middle' }),
    ];
  }
  if (!fault) return [];
  const end = fault.endedAt === undefined ? g.tMax : fault.endedAt;
  return [
    text(g.xOf((fault.beganAt + end) / 2), g.top - 6, labels.fault, {
      size: 10,
      weight: '600',
      anchor: 'middle',
    }),
  ];
}

/** The time axis: ticks at a nice step, and its label. */
function timeAxis(g: Geometry, labels: TimelineLabels): string[] {
  const parts: string[] = [];
  const step = niceStep(g.tMax / 8);
  for (let i = 0; i * step <= g.tMax + 1e-9; i++) {
    const label = String(Math.round(i * step * 100) / 100);
    parts.push(text(g.xOf(i * step), g.bottomY + 12, label, { anchor: 'middle', size: 10, fill: '#555' }));
  }
  parts.push(text(g.left + g.plotW / 2, g.bottomY + 28, labels.seconds, { anchor: 'middle', size: 11 }));
  return parts;
}

export function timelineChart(options: TimelineChartOptions): string {
  const { labels, fault } = options;
  const points = [...options.points].sort((a, b) => a.t - b.t);
  const lanes = lanesOf(points);
  const g = geometryOf(options, points, lanes.length);
  const parts = [
    svgOpen(g.frame, options.title),
    legend(g.frame, [
      { name: `✓ ${labels.ok}`, color: OK_COLOR },
      { name: `✗ ${labels.failed}`, color: FAIL_COLOR },
      ...(fault ? [{ name: labels.fault, color: '#bdbdbd' }] : []),
    ]),
  ];
  if (fault) parts.push(faultShade(fault, g, labels));
  lanes.forEach((lane, i) => {
    parts.push(...laneParts(lane, i, points, g, labels));
  });
  parts.push(...faultLabel(fault, g, labels), ...timeAxis(g, labels));
  if (points.length === 0) {
    parts.push(text(g.left + g.plotW / 2, g.top + 30, labels.noData, { anchor: 'middle', fill: '#999' }));
  }
  parts.push('</svg>');
  return parts.join('');
}
