import { describe, expect, it } from 'vitest';
import { barChart } from '../../../scenarios/report/svg-bar.ts';
import { lineChart } from '../../../scenarios/report/svg-line.ts';
import { timelineChart } from '../../../scenarios/report/svg-timeline.ts';

const tickLabels = (svg: string) =>
  [...svg.matchAll(/<text[^>]*text-anchor="end"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
/** Widths of the timeline's bars in `fill` (inside a `<g class="bucket">`). */
const bucketWidths = (svg: string, fill: string) =>
  [...svg.matchAll(/<g class="bucket"[^>]*>([\s\S]*?)<\/g>/g)].flatMap((bucket) =>
    [...bucket[1]!.matchAll(new RegExp(`<rect [^>]*width="([\\d.]+)"[^>]*fill="${fill}"/>`, 'g'))].map((m) =>
      Number(m[1]),
    ),
  );

const LABELS = {
  ok: 'ok',
  failed: 'failed',
  seconds: 's',
  fault: 'down',
  kill: 'killed',
  noData: 'none',
  lane: (kind: string, c: { ok: number; failed: number }) => `${kind}: ${c.ok} ok, ${c.failed} failed`,
  kinds: { access: 'access', refresh: 'refresh', login: 'login', all: 'all' },
};

describe('SVG charts', () => {
  it('bar chart: whole-number ticks for counts, even when every value is 0', () => {
    const svg = barChart({ title: 'lost', categories: ['a', 'b'], series: [{ name: 's', values: [0, 0] }] });
    expect(tickLabels(svg)).toEqual(['0', '1', '2', '3', '4', '5']);
  });

  it('bar chart: one "skipped" label per skipped category and an expected marker', () => {
    const svg = barChart({
      title: 't',
      categories: ['a', 'b'],
      series: [
        { name: 'x', values: [1, null] },
        { name: 'y', values: [2, null] },
      ],
      markers: [1.5, undefined],
    });
    expect(svg.match(/>skipped</g)).toHaveLength(1);
    expect(svg).toMatch(/stroke-dasharray="5 3"/);
  });

  it('timeline: sub-second buckets get equal-width columns and clean tick labels', () => {
    const points = [0, 0.25, 0.5, 0.75, 1, 1.25].map((t) => {
      const failed = t === 0.5 ? 4 : 0;
      const none = { ok: 0, failed: 0 };
      return { t, ok: 10, failed, access: { ok: 10, failed }, refresh: none, login: none };
    });
    const svg = timelineChart({ title: 't', points, labels: LABELS });
    const widths = bucketWidths(svg, '#2ca02c');
    expect(widths).toHaveLength(points.length);
    expect(Math.max(...widths) - Math.min(...widths)).toBeLessThan(0.2);
    // The columns fill the plot instead of bunching up at the left.
    expect(widths[0]! * points.length).toBeGreaterThan(400);
    expect(svg).toContain('>0.2<'); // 1.5 s in steps of 0.2
    expect(svg).not.toMatch(/>\d+\.\d{3,}</); // no floating-point noise like 0.6000000000000001
    expect(bucketWidths(svg, '#d62728')).toHaveLength(1);
  });

  it('timeline: one lane per kind with its totals, the fault shaded and the kill marked', () => {
    const points = [0, 1, 2, 3].map((t) => ({
      t,
      ok: 12,
      failed: t === 1 ? 3 : 0,
      access: { ok: 10, failed: t === 1 ? 3 : 0 },
      refresh: { ok: 2, failed: 0 },
      login: { ok: 0, failed: 0 },
    }));
    const svg = timelineChart({
      title: 't',
      points,
      labels: LABELS,
      fault: { beganAt: 1, endedAt: 2, killedAt: 1 },
    });
    expect(svg).toContain('>access: 40 ok, 3 failed<');
    expect(svg).toContain('>refresh: 8 ok, 0 failed<');
    expect(svg).not.toContain('>login:'); // a kind without requests gets no lane
    const fault = /<rect class="fault" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"/.exec(svg)!;
    const kill = /<line class="kill" x1="([\d.]+)"/.exec(svg)!;
    expect(Number(kill[1])).toBeCloseTo(Number(fault[1]), 1);
    // 1 s of a 4 s axis.
    expect(Number(fault[2])).toBeCloseTo((560 - 44 - 12) / 4, 0);
    expect(svg).toContain('✕ killed');
  });

  it('line chart: dashed theory line without dots, measured series with dots', () => {
    const svg = lineChart({
      title: 'rate',
      xLabel: 'nodes',
      yMax: 1,
      series: [
        { name: 'measured', points: [1, 2, 3].map((n) => ({ x: n, y: (n - 1) / n })) },
        { name: 'theory', points: [1, 2, 3].map((n) => ({ x: n, y: (n - 1) / n })), dashed: true },
      ],
    });
    expect(svg.match(/<polyline/g)).toHaveLength(2);
    expect(svg.match(/<circle/g)).toHaveLength(3);
    expect(svg).toMatch(/<polyline[^>]*stroke-dasharray/);
  });

  it('escapes titles and labels', () => {
    const svg = barChart({ title: '<b>&', categories: ['"x"'], series: [{ name: '<i>', values: [1] }] });
    expect(svg).not.toMatch(/<b>|<i>/);
    expect(svg).toContain('&lt;b&gt;&amp;');
    expect(svg).toContain('&quot;x&quot;');
  });
});
