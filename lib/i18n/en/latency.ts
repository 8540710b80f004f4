/** Words of the `latency` scenario: what the store's round trip adds to each request (docs/scenarios-reference.md). */
export const latency = {
  'report.scenario.latency': 'latency',
  'report.claim.latency.title': 'What the store’s round trip adds to every request',
  'report.claim.latency.section': 'Difference 3 — scalability',
  'report.claim.latency.quote':
    'Sessions live on the server, so many concurrent users load it; to spread the load we run several servers, and with several servers sessions get complicated.',
  'report.claim.latency.explanation':
    'A shared session store is a network hop away. The same mode runs on private one-node clusters whose node↔store link has a different round-trip time (a user-space latency relay), each at the same fixed rate in interleaved rounds. The latency a point adds over the first one is set against the theory: the store round trips each request waits for, times the RTT measured on the link.',
  'latency.col.rtt': 'store RTT set → measured (ms)',
  'latency.col.p50': 'p50 ms',
  'latency.col.p99': 'p99 ms',
  'latency.col.added-p50': 'p50 added (ms)',
  'latency.col.added-p99': 'p99 added (ms)',
  'latency.col.theory': 'theory added (ms)',
  'latency.note.how':
    '{run}: {trips} store round trip per GET /api/me ({what}); {rounds} interleaved rounds of {seconds} s at {rate} req/s per point. “Added” is this point minus the first, paired round by round (median, min to max); theory is the round trips × (measured RTT − the first point’s).',
  'latency.what.redis': 'the session GET',
  'latency.what.jwt-redis': 'the access-token denylist EXISTS',
  'latency.chart.title': 'Latency added by the store link (fixed rate, p50)',
  'latency.chart.x': 'store RTT set (ms)',
  'latency.legend.measured': '{run} p50 added',
} as const;
