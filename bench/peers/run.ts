import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../cluster/entrypoints.ts';
import { PEERS_USAGE, PeersUsageError, parsePeersArgs } from './options.ts';
import { peersChart, peersMarkdown } from './render.ts';
import { runPeers, selectTargets } from './run-peers.ts';
import { TARGETS } from './targets.ts';

/**
 * `npm run bench -- peers`: what a session in Redis costs per request at the server, authscale
 * beside the floor (a bare route with one GET) and two peer session stacks. Writes
 * peers.{md,json,svg} to --out (default reports/bench-peers-<timestamp>/) and prints the table.
 */
export async function run(args: string[]): Promise<void> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${PEERS_USAGE}\n`);
    return;
  }
  const options = parsePeersArgs(args);
  if (selectTargets(options.only).length === 0) {
    const names = TARGETS.map((target) => target.name).join(', ');
    throw new PeersUsageError(`--only ${options.only?.join(',')} matches no server; servers: ${names}`);
  }
  const report = await runPeers(options, (line) => process.stderr.write(`bench peers: ${line}\n`));
  const out = options.out ?? join(ROOT, 'reports', `bench-peers-${report.startedAt.replace(/[:.]/g, '-')}`);
  mkdirSync(out, { recursive: true });
  const markdown = peersMarkdown(report);
  writeFileSync(join(out, 'peers.md'), markdown);
  writeFileSync(join(out, 'peers.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(out, 'peers.svg'), peersChart(report));
  process.stdout.write(`\n${markdown}\nwritten to ${out}\n`);
}
