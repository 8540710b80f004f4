/** `npm run soak` (bench/soak/cli.ts). */
export const soak = {
  'soak.usage':
    'usage: npm run soak -- --minutes N --mode memory|redis|jwt|jwt-redis [--rate R] [--nodes N] [--json] [--lang en|ko]',
  'soak.badFlag': 'bad or unknown flag: {flag}',
  'soak.starting': 'soak: {mode} for {minutes} min at {rate} req/s through {nodes} nodes ({strategy})',
  'soak.progress': '{elapsed} s of {total} s',
  'soak.col.process': 'process',
  'soak.col.metric': 'metric',
  'soak.col.first': 'first',
  'soak.col.last': 'last',
  'soak.col.slope': 'growth per minute',
  'soak.col.threshold': 'threshold per minute',
  'soak.col.verdict': 'verdict',
  'soak.metric.rssBytes': 'RSS',
  'soak.metric.heapBytes': 'heap',
  'soak.metric.fds': 'file descriptors',
  'soak.metric.sockets': 'open sockets',
  'soak.verdict.ok': 'ok',
  'soak.verdict.growing': 'keeps growing',
  'soak.verdict.too-short': 'too short to judge',
  'soak.summary':
    'measured: {sent} requests ({statuses}), {skipped} ticks skipped (client fell behind); warm-up of {warmup} s left out; a sample every {interval} s; slope = least squares after the warm-up; node heap = V8 heap used, Redis heap = used_memory; load average {before} → {after} on {cores} cores',
  'soak.informational': '({verdict}; the sum over nodes decides)',
  'soak.gone': '{name} exited during the run',
  'soak.result.ok': 'no process keeps growing',
  'soak.result.growing': 'something keeps growing: see the rows marked "keeps growing"',
  'soak.result.too-short': 'run too short to judge growth (needs at least one minute after the warm-up)',
} as const;
