import type { Combined } from './measure.ts';

export const NGINX_ROW = 'nginx (1 worker, upstream keep-alive)';
export const HAPROXY_ROW = 'HAProxy (1 thread, upstream keep-alive)';
export const OURS_ROW = 'authscale balancer (round-robin, undici)';

/**
 * The balancer's targets (docs/balancer.md, "Benchmarks"): CPU per request ≤ 0.6 × the
 * http-proxy balancer's 193 µs (also checked against that balancer measured in the same run),
 * throughput and p99 against nginx.
 */
export const TARGETS = { cpuUsPerReq: 0.6 * 193, rpsVsNginx: 0.4, p99VsNginx: 2.5 } as const;

export function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

function range(spread: [number, number] | undefined, digits = 0): string {
  return spread ? ` (${fmt(spread[0], digits)}–${fmt(spread[1], digits)})` : '';
}

const HEADER = [
  'target',
  'req/s (min–max)',
  'p50 ms',
  'p99 ms (min–max)',
  'errors',
  'non-2xx',
  'proxy CPU µs/req (min–max)',
  '× nginx req/s',
  '× nginx p99',
];

export function tableText(rows: Combined[], nginx: Combined | undefined): string {
  const lines = rows.map((r) => [
    r.name,
    fmt(r.rps) + range(r.spread.rps),
    fmt(r.p50, 1),
    fmt(r.p99, 1) + range(r.spread.p99, 1),
    String(r.errors),
    String(r.non2xx),
    r.cpuUsPerReq === undefined ? '-' : fmt(r.cpuUsPerReq) + range(r.spread.cpu),
    nginx ? fmt(r.rps / nginx.rps, 2) : '-',
    nginx ? fmt(r.p99 / Math.max(nginx.p99, 0.001), 2) : '-',
  ]);
  const widths = HEADER.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const render = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  return [render(HEADER), rule, ...lines.map(render)].map((line) => `${line}\n`).join('');
}

/** The targets for this balancer, each with the measured figure and met/missed. */
export function targetsText(
  ours: Combined | undefined,
  nginx: Combined | undefined,
  before: Combined | undefined,
): string {
  if (!ours) return '';
  const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
  const lines: string[] = [];
  if (ours.cpuUsPerReq !== undefined) {
    const ok = ours.cpuUsPerReq <= TARGETS.cpuUsPerReq;
    lines.push(
      `proxy CPU ${fmt(ours.cpuUsPerReq)} µs/request (target ≤ ${fmt(TARGETS.cpuUsPerReq)}): ${verdict(ok)}`,
    );
  }
  if (ours.cpuUsPerReq !== undefined && before?.cpuUsPerReq !== undefined) {
    const ratio = ours.cpuUsPerReq / before.cpuUsPerReq;
    lines.push(
      `proxy CPU ${fmt(ratio, 2)}× the http-proxy balancer in this run (target ≤ 0.60): ${verdict(ratio <= 0.6)}`,
    );
  }
  if (nginx) {
    const rps = ours.rps / nginx.rps;
    const p99 = ours.p99 / Math.max(nginx.p99, 0.001);
    lines.push(
      `throughput ${fmt(rps, 2)}× nginx (target ≥ ${TARGETS.rpsVsNginx}): ${verdict(rps >= TARGETS.rpsVsNginx)}`,
    );
    lines.push(
      `p99 ${fmt(p99, 2)}× nginx (target ≤ ${TARGETS.p99VsNginx}): ${verdict(p99 <= TARGETS.p99VsNginx)}`,
    );
  }
  const title = `\nbalancer targets (medians of ${ours.rounds} interleaved rounds):\n`;
  return title + lines.map((line) => `  ${line}\n`).join('');
}
