/**
 * Words of the reports: the terminal summary, report.md and report.html. The study note's claims
 * are quoted from its English rendering (docs/lesson.en.md tells the same story for this project).
 */
export const report = {
  'report.title': 'authscale: sessions vs tokens, measured',

  // Runs
  'report.run.memory': 'memory',
  'report.run.redis': 'redis',
  'report.run.jwt': 'jwt',
  'report.run.jwt-redis': 'jwt-redis',
  'report.run.label': '{mode} · {strategy} · {nodes} nodes',
  'report.run.behind': '{label} · behind {balancer}',
  'report.strategy.round-robin': 'round-robin',
  'report.strategy.sticky': 'sticky',
  'report.strategy.ip-hash': 'ip-hash',
  'report.strategy.connection': 'per connection',
  'report.caption.memory-round-robin':
    'Each node keeps its own sessions; round-robin sends most requests to a node that never saw the session.',
  'report.caption.memory-sticky':
    'The balancer pins each user to one node: no re-logins, but that node’s death takes its sessions with it.',
  'report.caption.redis':
    'One shared session store: any node can answer and logout is instant, at one store round trip per request — and the store must not fail.',
  'report.caption.jwt':
    'Stateless: no store at all, any node verifies the signature alone; the price is that a token cannot be revoked before it expires.',
  'report.caption.jwt-redis':
    'The same tokens plus state in Redis: refresh rotation, reuse detection and a logout denylist — a store round trip per request again.',

  // Scenario names as the command line knows them
  'report.scenario.relogin': 'relogin',
  'report.scenario.load': 'load',
  'report.scenario.token-size': 'token-size',
  'report.scenario.revocation': 'revocation',
  'report.scenario.node-failure': 'node-failure',
  'report.scenario.store-failure': 'store-failure',
  'report.scenario.attacks': 'attacks',
  'report.scenario.scale': 'scale',

  // Units and cells
  'report.unit.seconds': '{n} s',
  'report.unit.minutes': '{n} min',
  'report.unit.hours': '{n} h',
  'report.unit.days': '{n} d',
  'report.cell.skipped': 'skipped',
  'report.cell.yes': 'yes',
  'report.cell.no': 'no',
  'report.cell.unknown': 'unknown',
  'report.cell.cookie': 'cookie',
  'report.cell.bearer': 'bearer',
  'report.cell.cookie-long': 'cookie (sid)',
  'report.cell.bearer-long': 'Authorization: Bearer (JWT)',

  // Header of every report
  'report.meta.when': 'Started {started}, finished {finished}.',
  'report.meta.machine': 'Machine: {cores} cores ({cpu}), {memory} GiB, {platform}, Node {node}.',
  'report.meta.config':
    '{nodes} nodes per run; {users} users × {requests} requests; {seconds} s per timed phase; {rounds} interleaved load rounds.',
  'report.meta.config-quick':
    'Quick run: {nodes} nodes per run; {users} users × {requests} requests; {seconds} s per timed phase; {rounds} interleaved load rounds.',
  'report.meta.target': 'Against a running cluster: {target}.',
  'report.meta.compare':
    'Absolute requests per second depend on the machine and on what else it runs; compare the runs inside this report.',
  'report.machine.load':
    'Load average (1 / 5 / 15 min) on {cores} cores: before {before}, after {after}; highest during the run {peak}.',
  'report.machine.overloaded':
    'The load average reached {peak} on {cores} cores during the run: other work competed for the CPU, so req/s, latency and CPU per request are noisier than usual.',
  'report.machine.other-work':
    'Other work used {other} of the {cores} cores during the {phase} (measured): req/s, latency, CPU per request and the fault windows’ counts are noisier than usual.',
  'report.machine.phase-cpu':
    'Cores in use on average (measured; the load average above counts the demo’s own processes too): {phases}.',
  'report.machine.phase-share': '{phase} {own} by the demo, {other} by other work',
  'report.machine.phase.fault-windows': 'fault windows',
  'report.machine.phase.quiet': 'load rounds',

  // Headline
  'report.headline.title': 'Re-login failures by run: measured vs expected',
  'report.headline.lead':
    'Share of requests that failed because the node that answered did not know the user’s session (the user would have to log in again).',
  'report.headline.failed': '{failures} of {requests} requests failed',
  'report.headline.expected': 'expected {rate}',

  // Summary table
  'report.summary.title': 'Summary',
  'report.table.title': 'authscale summary: one column per run ({nodes} nodes each), one row per figure',
  'report.table.no-runs': '(no runs)',
  'report.table.legend':
    'measured = observed in this run; derived = computed from a setting, not observed; – = not run in this configuration (see report.md).',
  'report.table.skipped-heading': 'skipped:',
  'report.table.skipped-runs':
    'Runs that did not start are not shown as columns; the reasons are under “skipped”.',
  'report.row.relogin': 're-login failures (expected)',
  'report.row.store-ops': 'store ops per request',
  'report.row.credential': 'credential bytes',
  'report.row.after-logout': 'works after logout (measured)',
  'report.row.stolen': 'stolen copy works (measured)',
  'report.row.stolen-production': '  at production TTL (derived)',
  'report.row.stolen-refresh': 'stolen refresh (measured)',
  'report.row.node-lost': 'node killed: sessions lost',
  'report.row.store-failed': 'store down: failed/total',
  'report.row.store-recovered': 'store down: recovered after',
  'report.row.attacks': 'forgeries rejected',
  'report.row.rps': 'req/s, median',
  'report.row.rps-range': 'min–max',
  'report.row.p99': 'p99 ms, median',
  'report.row.p99-range': 'min–max',
  'report.row.cpu': 'node CPU µs/req, median',
  'report.row.cpu-range': 'min–max',

  // Load noise
  'report.figure.rps': 'req/s',
  'report.figure.p99': 'p99 latency',
  'report.figure.cpu': 'node CPU µs/req',
  'report.noise.heading':
    'Load figures over {rounds} interleaved rounds (≈ no clear difference: the min–max ranges overlap, not ranked; < clearly lower):',
  'report.noise.order': '{figure}: {order}',
  'report.noise.all-overlap': '{figure}: {order} — no clear difference between any of the runs.',
  'report.load.headline':
    'Headline: node CPU µs per request — the auth nodes’ own CPU time, the balancer excluded, so it compares the modes whatever stands in front. Max req/s and latency include the balancer ({balancers}): when it saturates first, they measure the balancer, not the mode.',
  'report.balancer.builtin': 'authscale’s own balancer',
  'report.load.store-rtt':
    'Store link {rtt} ms (measured). {run} − jwt at the fixed rate, paired round by round: p50 {p50} ms ({p50min} to {p50max}), p99 {p99} ms ({p99min} to {p99max}). Theory: {trips} store round trip per request ({what}) = {theory} ms; the p50 difference is {verdict}.',
  'report.load.store-rtt.redis': 'the session GET',
  'report.load.store-rtt.jwt-redis': 'the access-token denylist EXISTS',
  'report.load.store-rtt.within': 'around it (the theory lies within the rounds’ range)',
  'report.load.store-rtt.more': 'more than the theory: the machine’s load or the relay adds to the link',
  'report.load.store-rtt.less': 'less than the theory: the rounds are too noisy to see the link',
  'report.load.how':
    'Each figure is the median of the rounds, with the lowest and highest round beside it. The runs took turns (A B C A B C …), so a burst of outside load hits them all alike.',

  // Column headers of the scenario tables
  'report.col.run': 'run',
  'report.col.figure': 'figure',
  'report.col.measured': 'measured',
  'report.col.expected': 'expected',
  'report.col.trade-off': 'what it trades',
  'report.col.users': 'users',
  'report.col.requests': 'requests',
  'report.col.failures': 'failures',
  'report.col.failure-rate': 'failure rate (measured)',
  'report.col.expected-rate': 'expected: (N-1)/N or 0',
  'report.col.served-by': 'served by',
  'report.col.rounds': 'rounds',
  'report.col.rps-spread': 'max req/s: median (min–max)',
  'report.col.p99-spread': 'p99 ms at a fixed rate: median (min–max)',
  'report.col.p50-p90': 'p50 / p90 ms',
  'report.col.cpu-spread': 'node CPU µs/req (balancer excluded): median (min–max)',
  'report.col.store-ops': 'store ops/req',
  'report.col.bytes': 'bytes/req sent / received',
  'report.col.errors': 'errors / non-2xx',
  'report.col.credential': 'credential',
  'report.col.credential-bytes': 'credential bytes',
  'report.col.header-bytes': 'request header bytes',
  'report.col.mb-per-million': 'MB per million requests',
  'report.col.decoded': 'decoded (nothing secret inside)',
  'report.col.credential-case': 'stolen credential',
  'report.col.measured-seconds': 'kept working (measured)',
  'report.col.stopped-by': 'stopped by',
  'report.col.run-setting': 'setting in this run',
  'report.col.production': 'at the production setting (derived)',
  'report.col.sessions-before': 'sessions before',
  'report.col.sessions-lost': 'sessions lost',
  'report.col.relogins': 're-logins forced',
  'report.col.failed-total': 'failed / all requests',
  'report.col.access': 'access: failed / all',
  'report.col.refresh': 'refresh: failed / all',
  'report.col.login': 'login: failed / all',
  'report.col.until-clean': 'failing until',
  'report.col.recovered': 'recovered after',
  'report.col.failing-for': 'users saw errors for',
  'report.col.families-lost': 'refresh families lost',
  'report.col.sentinel': 'Sentinel',
  'report.col.attack': 'attack',
  'report.col.attack-tries': 'what it tries',
  'report.col.status': 'status',
  'report.col.code': 'code',
  'report.col.outcome': 'outcome',
  'report.col.nodes': 'nodes (N)',
  'report.col.cpu-at-n': 'CPU µs/req (N processes share the cores)',
  'report.section.not-run': 'Not run in this report.',

  // Revocation
  'report.case.after-logout': 'copy replayed after the victim logged out',
  'report.case.stolen-access': 'copy replayed while the victim stays logged in',
  'report.case.stolen-refresh': 'stolen refresh token',
  'report.case.stolen-refresh-minted': 'stolen refresh token ({n} access tokens minted with it)',
  'report.stop.logout': 'logout (the server deleted the session or revoked the family)',
  'report.stop.denylist': 'logout: the access token’s id was denylisted',
  'report.stop.access-expiry': 'only its expiry (exp): nothing on the server can stop it',
  'report.stop.refresh-expiry': 'only the refresh token’s expiry',
  'report.stop.idle-expiry': 'the session’s idle timeout on the server',
  'report.stop.absolute-expiry':
    'the session’s absolute timeout: a thief who keeps using it keeps it alive until then',
  'report.stop.reuse-detection': 'reuse detection: the victim’s next refresh revoked the whole family',
  'report.stop.never-worked': 'it never worked',
  'report.stop.not-stopped': 'nothing yet: it still worked when the observation ended',
  'report.revocation.settings':
    'Measured on a cluster with short lifetimes so that every window ends during the run: access token {access}, refresh token {refresh}, session idle timeout {idle}, absolute timeout {absolute}. With the defaults ({accessProd}, {refreshProd}, {idleProd}, {absoluteProd}) the same windows last as long as the “production” column says — derived from the setting, not observed.',
  'report.revocation.tolerance':
    'The nodes accept a token up to {tolerance} past its expiry (clock tolerance), so a token works that much longer than its lifetime.',

  // Failure scenarios
  'report.kind.access': 'access (GET /api/me)',
  'report.kind.refresh': 'refresh',
  'report.kind.login': 'login',
  'report.kind.all': 'all requests',
  'report.fig.sessions-lost': 'sessions lost',
  'report.fig.relogins': 're-logins forced',
  'report.fig.until-clean': 'failing until',
  'report.fig.recovered': 'recovered after',
  'report.fig.failing-for': 'users saw errors for',
  'report.fig.families-lost': 'refresh families lost',
  'report.fig.totals': 'failed / all requests',
  'report.def.node.sessions-lost':
    'Users whose credential was refused with a 401 after the kill because their session lived only on the dead node: they are sent back to the login page.',
  'report.def.node.relogins':
    'The logins those users then had to make (a user can be forced more than once).',
  'report.def.node.until-clean': 'Seconds from the kill to the last failed request.',
  'report.def.store.recovered':
    'Seconds from the store’s return to the last failed request (0: nothing failed after it came back).',
  'report.def.store.failing-for':
    'Seconds from the store’s failure to the last failed request: how long users saw errors.',
  'report.def.store.sessions-lost':
    'Users whose session was gone after the store came back (a 401, not a 503): the store kept its sessions only in memory.',
  'report.def.store.families-lost':
    'Users whose refresh was refused with a 401 after the store came back: their rotation state was lost with it, so they must log in again when the access token expires.',
  'report.def.totals':
    'Every request of every kind (access, refresh, login) is counted; the totals are the sums of the timeline beside them.',
  'report.def.totals-mismatch':
    'The scenario counted {failed} failed of {total}, but its timeline sums to {timelineFailed} of {timelineTotal}; this report shows the timeline’s sums.',

  // Attacks
  'report.attacks.meaning':
    'Rejected means: every node answered 401 to the forgery. Session fixation is different: the login itself succeeds (200), and it counts as rejected when the server issued a new session id instead of adopting the one the attacker planted.',
  'report.attack.outcome.rejected-401': '✓ rejected (401 from every node)',
  'report.attack.outcome.not-adopted': '✓ rejected: the planted id was not adopted',
  'report.attack.outcome.accepted': '✗ NOT rejected',
  'report.attack.alg-none.name': 'alg: none',
  'report.attack.alg-none.tries': 'A token that declares “no signature” (alg none), claiming to be alice.',
  'report.attack.signature-stripped.name': 'signature stripped',
  'report.attack.signature-stripped.tries':
    'A real token with the payload changed to alice and the signature cut off.',
  'report.attack.payload-tampered.name': 'payload tampered',
  'report.attack.payload-tampered.tries':
    'A real token with the payload changed to alice, old signature kept.',
  'report.attack.wrong-key.name': 'wrong key',
  'report.attack.wrong-key.tries': 'A well-formed token for alice signed with a key the servers do not have.',
  'report.attack.alg-confusion.name': 'algorithm confusion',
  'report.attack.alg-confusion.tries':
    'A token that says RS256, hoping the server verifies it with the wrong algorithm.',
  'report.attack.garbage-token.name': 'garbage token',
  'report.attack.garbage-token.tries': 'Something that is not a JWT at all in the Authorization header.',
  'report.attack.oversized-token.name': 'oversized token',
  'report.attack.oversized-token.tries':
    'A token blown up to several kilobytes, to make the server parse it.',
  'report.attack.refresh-as-access.name': 'refresh token as access token',
  'report.attack.refresh-as-access.tries':
    'The refresh token (real, signed) sent where an access token belongs.',
  'report.attack.expired-token.name': 'expired token',
  'report.attack.expired-token.tries': 'A token signed with the real key whose expiry has passed.',
  'report.attack.wrong-typ-aud.name': 'wrong type or audience',
  'report.attack.wrong-typ-aud.tries':
    'A token signed with the real key but made for another purpose (typ/aud).',
  'report.attack.random-sid.name': 'random session id',
  'report.attack.random-sid.tries': 'A made-up session id without a valid signature.',
  'report.attack.unsigned-sid.name': 'unsigned session id',
  'report.attack.unsigned-sid.tries': 'A real session id with its cookie signature removed.',
  'report.attack.sid-signature-tampered.name': 'cookie signature tampered',
  'report.attack.sid-signature-tampered.tries': 'A real session cookie with a changed signature.',
  'report.attack.sid-wrong-key.name': 'cookie signed with the wrong key',
  'report.attack.sid-wrong-key.tries': 'A session cookie signed with a key the servers do not have.',
  'report.attack.empty-sid.name': 'empty session id',
  'report.attack.empty-sid.tries': 'An empty sid cookie.',
  'report.attack.signed-unknown-sid.name': 'signed unknown session id',
  'report.attack.signed-unknown-sid.tries':
    'A correctly signed id that no server ever issued (needs the real secret).',
  'report.attack.session-fixation.name': 'session fixation',
  'report.attack.session-fixation.tries':
    'Plant a known session id in the victim’s browser and hope the login keeps it.',

  // Charts
  'report.chart.relogin': 'Re-login failure rate by run',
  'report.chart.p99': 'p99 latency at a fixed offered rate (ms)',
  'report.chart.cpu': 'Node CPU per request (µs)',
  'report.chart.store-ops': 'Store operations per request',
  'report.chart.bytes': 'Bytes per request: credential and all request headers',
  'report.chart.revocation': 'Seconds a stolen credential kept working (measured)',
  'report.chart.timeline': '{run}: requests over time',
  'report.chart.attacks': 'Forged credentials: tried vs rejected',
  'report.chart.scale': 'Re-login failure rate vs number of nodes',
  'report.chart.scale-cpu': 'Node CPU per request vs number of nodes (µs)',
  'report.scale.cpu-caveat':
    'N node processes share the machine’s {cores} cores, so CPU per request grows with N from contention; compare runs at the same N only.',
  'report.legend.measured': 'measured',
  'report.legend.expected': 'expected',
  'report.legend.range': 'min–max over the rounds',
  'report.legend.median': 'median',
  'report.legend.store-ops': 'ops/req',
  'report.legend.credential-bytes': 'credential bytes',
  'report.legend.header-bytes': 'request header bytes',
  'report.legend.after-logout': 'after logout',
  'report.legend.stolen-access': 'victim stays logged in',
  'report.legend.stolen-refresh': 'stolen refresh token',
  'report.legend.ok': 'ok',
  'report.legend.failed': 'failed',
  'report.legend.seconds': 'seconds',
  'report.legend.node-down': 'node down',
  'report.legend.store-down': 'store down',
  'report.legend.node-killed': 'node killed',
  'report.legend.no-data': 'no data',
  'report.legend.lane': '{kind}: {ok} ok, {failed} failed',
  'report.legend.tried': 'tried',
  'report.legend.rejected': 'rejected',
  'report.legend.series-measured': '{run} (measured)',
  'report.legend.theory': 'theory (N-1)/N, memory + round-robin',
  'report.legend.nodes': 'nodes (N)',

  // Skip reasons
  'report.skip.memory-no-store': 'memory mode has no store to fail',
  'report.skip.memory-rr-load':
    'memory + round-robin already fails (N-1)/N of requests (see re-login); its load is measured with sticky sessions',
  'report.skip.memory-rr-node-failure':
    'memory + round-robin already fails without any crash (see re-login); see memory + sticky',
  'report.skip.no-redis':
    'no Redis: redis-server is not on PATH and REDIS_URL is not set (apt-get install -y redis-server)',
  'report.skip.scale-target': 'scale starts clusters of its own, which --target cannot do',
  'report.skip.cannot-kill': 'this cluster cannot kill a node (with --target, set ADMIN_TOKEN)',
  'report.skip.cannot-stop-store': 'this cluster cannot stop its store',
  'report.skip.no-store': 'this run has no store',
  'report.skip.cluster-failed': 'the cluster did not start: {error}',
  'report.skip.failed': 'failed: {error}',
  'report.skip.other': '{reason}',

  // The study note's claims, one per scenario
  'report.claim.source': 'study note, {section} (retold in docs/lesson.en.md)',
  'report.claim.relogin.title': 'Re-login failures behind a load balancer',
  'report.claim.relogin.section': 'Difference 3 — scalability',
  'report.claim.relogin.quote':
    'In a distributed / clustered setup each request may reach a different server, and a server that does not hold the session makes the user log in again, again and again.',
  'report.claim.relogin.explanation':
    'Each virtual user logs in once and then keeps making requests. With in-memory sessions and a round-robin balancer a request only succeeds on the node that created the session, so with N nodes about (N-1)/N of the requests fail. Sticky sessions, a shared Redis store and JWTs all bring this to zero — each in its own way and at its own cost.',
  'report.claim.load.title': 'What each mode costs under load',
  'report.claim.load.section': 'Difference 3 — scalability',
  'report.claim.load.quote':
    'Sessions live on the server, so many concurrent users load it; to spread the load we run several servers, and with several servers sessions get complicated.',
  'report.claim.load.explanation':
    'The same traffic goes through the balancer in every run, at a fixed rate (for fair latency) and as fast as possible. Compare the runs with each other: CPU microseconds a node spends per request, store round trips per request, bytes on the wire. A shared store adds a network hop per request; a stateless JWT replaces it with a signature check.',
  'report.claim.token-size.title': 'Credential size on the wire',
  'report.claim.token-size.section': 'Difference 1 — size',
  'report.claim.token-size.quote':
    'session < token. The session id that travels is tiny; a token carrying the same information is much larger.',
  'report.claim.token-size.explanation':
    'Every request carries the credential: a short signed session id in a cookie, or a whole signed JWT in the Authorization header. The token is bigger because it carries its own data (user, expiry, id) and a signature, so the server does not have to look anything up.',
  'report.claim.revocation.title': 'Logout and stolen credentials',
  'report.claim.revocation.section': 'Difference 2 — safety',
  'report.claim.revocation.quote':
    'Keep its lifetime short to shrink the window of exposure. Too short means logging in all the time, so at login also issue a refresh token.',
  'report.claim.revocation.explanation':
    'A second client replays a copy of the victim’s credential until it stops working, and we time it. A server-side session dies the moment the server deletes it. A stateless token works until it expires unless the servers share a denylist — state again — which is why access tokens are kept short and refresh tokens rotate: reusing an old refresh token revokes the whole family. With in-memory sessions behind round-robin, the logout itself may reach a node that never held the session, so the session lives on until its idle timeout.',
  'report.claim.node-failure.title': 'A node dies mid-run',
  'report.claim.node-failure.section': 'HTTP is stateless',
  'report.claim.node-failure.quote':
    'The difference: a session is stored on the server (a DB), a token is stored only on the client.',
  'report.claim.node-failure.explanation':
    'One app node is killed while users are active. With in-memory sessions every session that lived on it is gone and those users must log in again. With a shared store or with tokens the other nodes still recognise them, so the failures stop once the balancer notices the dead node.',
  'report.claim.store-failure.title': 'The session store dies',
  'report.claim.store-failure.section': 'Difference 3 — scalability',
  'report.claim.store-failure.quote':
    'One can run a separate session server, but then it must itself be replicated in case it fails.',
  'report.claim.store-failure.explanation':
    'We stop the shared Redis in the middle of a run. In redis mode every authenticated request fails fast (503) until the store is back, and sessions kept only in memory are gone. With jwt-redis, access tokens keep working (a signature needs no store) while refresh and login fail. With Sentinel a replica is promoted and service resumes after the failover.',
  'report.claim.attacks.title': 'Forged and tampered credentials',
  'report.claim.attacks.section': 'JSON Web Token',
  'report.claim.attacks.quote':
    'Beware: some servers accept a token whose signature was stripped off — this must never authenticate.',
  'report.claim.attacks.explanation':
    'We send what an attacker could make: a JWT with alg none, a stripped or altered signature, a tampered payload, a token signed with the wrong key, and forged or tampered session cookies. Each must be rejected; a case that was not is listed as a failure.',
  'report.claim.scale.title': 'Adding nodes: failure rate and cost',
  'report.claim.scale.section': 'Difference 3 — scalability',
  'report.claim.scale.quote': 'Most web services now choose tokens because they scale.',
  'report.claim.scale.explanation':
    'The re-login test again with 1, 2, … 8 nodes. With in-memory sessions and round-robin a request reaches the node holding its session with probability 1/N, so the failure rate follows the dashed theory line (N-1)/N: 0 with one node, 50% with two, 87.5% with eight. JWT stays at zero however many nodes there are.',
} as const;
