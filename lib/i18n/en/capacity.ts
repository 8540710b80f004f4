/**
 * Words of the two standing-cost scenarios (docs/scenarios-reference.md): `capacity` (what a logged-in user costs the
 * server while idle) and `lifetimes` (what an access-token lifetime costs and buys). The claims are
 * quoted from the study note's English rendering.
 */
export const capacity = {
  'report.scenario.capacity': 'capacity',
  'report.scenario.lifetimes': 'lifetimes',
  'report.claim.capacity.title': 'What a logged-in user costs the server while idle',
  'report.claim.capacity.section': 'Difference 3 — scalability',
  'report.claim.capacity.quote': 'Sessions live on the server, so many concurrent users load it.',
  'report.claim.capacity.explanation':
    'A private node of each mode is filled with live sessions, level by level, and the server memory that holds them is read after every step: the node heap for in-memory sessions, Redis memory for Redis sessions and for the refresh-token state of JWT + Redis. A stateless JWT keeps nothing on the server; it pays with a bigger credential on every request instead.',
  'report.claim.lifetimes.title': 'What a shorter token lifetime costs',
  'report.claim.lifetimes.section': 'Difference 2 — safety',
  'report.claim.lifetimes.quote':
    'Keep its lifetime short to shrink the window of exposure. Too short means logging in all the time, so at login also issue a refresh token.',
  'report.claim.lifetimes.explanation':
    'For each access-token lifetime: how often a user refreshes, how many store writes that makes, how many requests fail at expiry, and how long a stolen access token keeps working. A shorter lifetime shrinks the exposure window and multiplies the refresh load — the trade-off every team makes when it picks ACCESS_TOKEN_TTL.',

  'capacity.skip.no-lifetime':
    'session modes have no access-token lifetime (sessions end by idle or absolute timeout)',
  'capacity.skip.target':
    'needs the embedded launcher: it starts private nodes of its own, which --target cannot do',
  'capacity.row.idle-cost': 'bytes per idle session',
  'lifetimes.row.default': 'refresh|write /user-h, 15m',
  'capacity.col.run': 'run',
  'capacity.col.sessions': 'live sessions',
  'capacity.col.made-by': 'made through',
  'capacity.col.where': 'kept in',
  'capacity.col.bytes': 'bytes/session, median (min–max)',
  'capacity.col.total': 'server memory in total',
  'capacity.made.login': 'POST /auth/login',
  'capacity.made.store-api': 'the store API',
  'capacity.where.node-heap': 'node heap',
  'capacity.where.redis': 'Redis',
  'capacity.where.none': 'nothing (stateless)',
  'capacity.meaning.title': 'What it means (derived from the measured bytes/session, not observed):',
  'capacity.meaning.node-heap':
    '{run}, {users} users: {bytes} of node heap — on every node if every node must know every session, else split across the nodes (sticky sessions) and lost with a node that dies.',
  'capacity.meaning.redis': '{run}, {users} users: {bytes} in Redis (plus its replicas).',
  'capacity.meaning.none':
    '{run}, {users} users: 0 bytes on the server; the bearer header costs {wire}/s on the wire at {rate} req/s.',
  'capacity.meaning.none-more':
    '{run}, {users} users: 0 bytes on the server, and {more}/s more on the wire than a session cookie at {rate} req/s ({wire}/s in all).',
  'capacity.note.how':
    'Bytes are read after a forced garbage collection (node V8 heap without compiled code) or from Redis used_memory. Each level is reached in three equal steps and each step is one sample. Up to {login} sessions are made through the real login route (SCRYPT_COST={cost} for the run: logins are the means, not the measurement), beyond that through the store’s own API.',
  'capacity.note.memory-bound':
    '{run}: stops at {bound} sessions: the in-memory store keeps at most that many per node and evicts the oldest beyond.',
  'capacity.note.jwt-check':
    '{run}: node heap growth per real login {median} bytes ({min}–{max}) — noise around 0: nothing is kept per user.',
  'capacity.note.shards':
    '{run}: Redis Cluster, read from each of its {count} primaries at {sessions} sessions (DBSIZE, INFO memory used_memory, MEMORY USAGE of {sample} random keys; replicas hold copies and are not counted):',
  'capacity.note.shard':
    'primary {primary} ({slots} slots): {keys} keys ({share}), used_memory {used} ({grown} above its empty baseline), {perKey} per key',
  'capacity.chart.title': 'Server memory by live sessions (log scales)',
  'capacity.chart.x': 'live sessions',
  'capacity.chart.zero': '{run}: 0 bytes (stateless) — not on a log scale',

  'lifetimes.col.run': 'run',
  'lifetimes.col.ttl': 'access lifetime',
  'lifetimes.col.kind': 'figure',
  'lifetimes.col.refreshes': 'refreshes/user-hour: ahead | after 401',
  'lifetimes.col.failed': 'failed requests/user-hour: ahead | after 401',
  'lifetimes.col.writes': 'store writes/user-hour',
  'lifetimes.col.exposure': 'stolen token works (s)',
  'lifetimes.note.how':
    'Two kinds of client make a request every {interval} ms: “ahead” refreshes 5 % of the lifetime before it runs out, “after 401” only after a request failed with ERR_TOKEN_EXPIRED (and then retries it). A thief replays an access token stolen at issuance until it is refused. Measured lifetimes ran on a node of their own; longer ones are derived from the setting and the measured ratios ({writes} store writes per refresh, {beyond} s of life past the lifetime).',
  'lifetimes.note.beyond':
    '{run}: a stolen token kept working {beyond} s past its lifetime — the verifier tolerates clock skew between nodes — and a client that waits for a 401 refreshes that much later.',
  'lifetimes.chart.title': '{run}: exposure window and refresh load by access lifetime (log scales)',
  'lifetimes.chart.x': 'access lifetime (s)',
  'lifetimes.chart.exposure': 'stolen token works (s)',
  'lifetimes.chart.refreshes': 'refreshes per user-hour',
} as const;
