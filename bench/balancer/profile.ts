import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fmt } from './print.ts';

interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>;
  samples: number[];
  timeDeltas: number[];
}

function areaOf(url: string, functionName: string): string {
  if (url.includes('node_modules/http-proxy')) return 'http-proxy';
  if (url.includes('/balancer/')) return 'balancer/';
  if (url.startsWith('node:')) return 'node core (JS)';
  return url === '' ? `(${functionName})` : 'other';
}

/** Self time per function and per area from the V8 .cpuprofile in `dir`, top entries first. */
export function profileText(dir: string): string {
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) return 'no .cpuprofile written\n';
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const byArea = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    const dt = profile.timeDeltas[i] ?? 0;
    if (!node) return;
    total += dt;
    const { functionName, url, lineNumber } = node.callFrame;
    const short = url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/authscale\//, '');
    const key = `${functionName || '(anonymous)'} ${short}:${lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + dt);
    const area = areaOf(url, functionName);
    byArea.set(area, (byArea.get(area) ?? 0) + dt);
  });
  const top = (map: Map<string, number>, n: number) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `  ${fmt((100 * v) / total, 1).padStart(5)}%  ${k}`)
      .join('\n');
  return (
    `\nbalancer CPU profile (self time, ${fmt(total / 1000)} ms sampled)\nby area:\n` +
    `${top(byArea, 8)}\ntop functions:\n${top(self, 20)}\n`
  );
}
