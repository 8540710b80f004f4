/** Words the command line prints: progress lines, where the reports went, help, errors. */
export const cli = {
  'cli.progress.run-start': '{run}: starting the cluster…',
  'cli.progress.run-skipped': '{run}: skipped ({reason})',
  'cli.progress.scenario-done': '{run} · {scenario}: done in {seconds} s',
  'cli.progress.scenario-skipped': '{run} · {scenario}: skipped ({reason})',
  'cli.progress.load-round': '{run} · load round {round}/{rounds}: {seconds} s',
  'cli.progress.run-end': '{run}: finished in {seconds} s',
  'cli.progress.relogin':
    '{run} · re-login failures: {measured} measured, {expected} expected ({failures} of {requests} requests failed)',
  'cli.reports': 'reports:',
  'cli.usage-error': '{message} (see --help)',
  'cli.scenario-error': 'error: {where}: {reason}',
  'cli.cluster.title': 'authscale cluster: {mode}, {nodes} nodes, {strategy} (Ctrl-C stops it)',
  'cli.cluster.note': 'note     ',
  'cli.cluster.try': 'Try it (users alice, bob, carol, user0001…user9999; password = name + "-pw"):',
  'cli.cluster.session-login': 'log in: the session id comes back in the signed sid cookie',
  'cli.cluster.session-request':
    'an authenticated request (repeat it: watch x-node-id and, in memory + round-robin, the 401s)',
  'cli.cluster.jwt-login':
    'log in: the access token is in the body, the refresh token in the rt cookie (Path=/auth)',
  'cli.cluster.jwt-request': 'an authenticated request, any node',
  'cli.cluster.jwt-refresh': 'rotate the refresh token (a replayed old one revokes the family)',
  'cli.cluster.needs-redis': '{mode} needs Redis: {reason}',
  'cli.cluster.no-balancer': 'the balancer cannot start: {reason}',
  'cli.cluster.stopping': 'stopping…',
  'cli.error.whole-number': '--{flag} expects a whole number 1-{max}, got "{text}"',
  'cli.error.choice': '--{flag} expects one of {choices}, got "{text}"',
  'cli.error.list': '--{flag} expects a list like {example}',
  'cli.error.target-url': '--target expects a URL like http://localhost:8080, got "{text}"',
  'cli.error.target-http': '--target expects an http(s) URL, got "{text}"',
  'cli.error.parse': '{message}',
  'cli.error.duration': '--duration expects seconds (e.g. 5 or 5s, at most 600), got "{text}"',
  'cli.error.no-arguments': '{command} takes no arguments, got "{text}"',
  'cli.error.scenario-name': 'scenario expects a NAME: {names}',
  'cli.error.unknown-scenario': 'unknown scenario "{text}"; expected one of {names}',
  'cli.error.one-name': 'scenario takes one NAME, got "{text}"',
  'cli.error.cluster-target': '--target makes no sense with cluster (it starts one)',
  'cli.error.cluster-one-mode': 'cluster runs one --mode at a time',
  'cli.error.unknown-command': 'unknown command "{text}"; expected demo, scenario NAME or cluster',
  'cli.usage': `usage:
  npm run demo -- [flags]              every mode, every scenario, summary table + reports
  npm run scenario -- NAME [flags]     one scenario ({scenarios})
  npm run cluster -- [flags]           start a cluster and keep it running (Ctrl-C stops it)

flags:
  --modes LIST               runs, default {modes} (redis and jwt-redis are
                             skipped, with the reason, when no Redis is available)
  --mode M                   cluster: memory | redis | jwt (stateless) | jwt-redis (rotation,
                             reuse detection, denylist in Redis)
  --nodes N                  nodes per cluster (3)                --users N      virtual users
  --requests N               requests per user                    --strategy {strategies}
  --duration S               seconds per timed phase ({duration}; {quickDuration} with --quick)
  --quick                    small, fast run (~1.5 min; load in {quickRounds} interleaved rounds instead of {rounds})
  --redis single|sentinel|cluster  Redis topology (redis/jwt-redis) --out DIR    report directory
  --network loopback|shaped  shaped: latency relays add --store-rtt (1ms) and --client-rtt (20ms),
                             ± --jitter (0) on each one-way delay
  --fault stop|partition     node-failure / store-failure: stop the process (refused at once) or
                             partition its link (packets vanish, nothing refused; --redis single)
  --balancer builtin|haproxy|nginx  balancer in front of the nodes (builtin: ours; haproxy/nginx from PATH)
  --client-addresses many|one  many (default on Linux): each virtual user connects from its own
                             loopback address 127.1.x.y, so ip-hash spreads users; one: all from 127.0.0.1
  --full                     capacity also fills a million sessions (Redis runs; minutes)
  --lang en|ko               language of the table, report.md and report.html
                             (default from LC_ALL / LC_MESSAGES / LANG; now: {lang})
  --json                     print the report JSON instead of the table
  --target URL               use a running cluster (docker compose); ADMIN_TOKEN, REDIS_URL and
                             AUTH_SECRET (or ADMIN_TOKEN_FILE, AUTH_SECRET_FILE) from the environment
                             enable the fault-injection scenarios; TARGET_NODES=URL,… crashes nodes
                             directly instead of through the balancer`,
} as const;
