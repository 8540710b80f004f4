/** Words of `npm run audit`: the terminal, report.md and report.html of an audit of the user's own app. */
export const audit = {
  'audit.title': 'authscale audit: {profile}',
  'audit.meta.setup': '{replicas} replicas behind {balancer} ({strategy}); {started}',
  'audit.meta.started.command': 'replicas started by authscale from app.command',
  'audit.meta.started.targets':
    'replicas you run (app.targets): no replica was killed and no CPU was measured',
  'audit.meta.when': 'started {startedAt}, took {seconds} s{quick}',
  'audit.meta.quick': ' (--quick: shorter windows and fewer requests)',
  'audit.meta.machine': '{cores} cores, load average {before} before and {after} after (peak {peak})',
  'audit.meta.load-warning':
    'The load average went above the core count: other work competed with the app, so timings are noisy (costs per request much less so).',
  'audit.balancer.builtin': 'the authscale balancer',
  'audit.balancer.haproxy': 'HAProxy',
  'audit.balancer.nginx': 'nginx',

  'audit.verdict.title': 'Verdict',
  'audit.verdict.forgery':
    'A forged credential got in: {names}. Anyone can build one without a password; fix this before anything else.',
  'audit.verdict.no-forgery': 'None of the {count} forged credentials was accepted.',
  'audit.verdict.scale-unsafe':
    'Not safe to scale behind round-robin: {rate} of requests were answered as logged out (expected {expected} if each replica keeps its own sessions). Keep sessions in a shared store (e.g. Redis), or pin users with sticky sessions and accept that a replica that dies takes its sessions along.',
  'audit.verdict.scale-safe':
    'Safe to scale behind round-robin: {rate} of {requests} requests were answered as logged out; the session is shared or carried by the client.',
  'audit.verdict.scale-hidden':
    'Behind {strategy}, {rate} of {requests} requests were answered as logged out, but each session lives on one replica only (asked directly): the affinity hides it. A replica that dies, or a switch to round-robin, logs its users out; keep sessions in a shared store.',
  'audit.verdict.scale-other':
    'Behind {strategy}: {rate} of {requests} requests were answered as logged out, and every replica knows every session: it does not depend on the affinity.',
  'audit.verdict.one-replica': 'With one replica, scaling was not tested: run with --replicas 2 or more.',
  'audit.verdict.logout-revokes':
    'Logout revokes: a copy taken before logout stopped working within {seconds} s.',
  'audit.verdict.logout-stays':
    'Logout does not revoke: a copy taken before logout still worked {seconds} s later (end of the window). Logout only clears the client; a stolen copy lives until it expires.',
  'audit.verdict.logout-missed':
    'Logout did not end the session: the session lives on {login}, but the balancer sent the logout to {logout}, which does not know it; a copy still worked {seconds} s later. Per-replica sessions make logout a matter of luck.',
  'audit.verdict.logout-partly':
    'Logout revokes only late: a copy taken before logout worked for {seconds} s after it.',
  'audit.verdict.no-logout': 'No logout in the profile: revocation was not measured.',
  'audit.verdict.theft': 'A copy stolen while the user stays logged in worked for {seconds} s{still}.',
  'audit.verdict.theft-still': ' (still at the end of the window)',
  'audit.verdict.client-side':
    'The credential carries the user data itself ({decoded}): any replica can read it, nothing on the server can end it before it expires.',
  'audit.verdict.cost':
    'Cost: {bytes} bytes of credential on every request; {cpu}; p99 {p99} ms at {rate} req/s.',
  'audit.verdict.cost-cpu': '{cpu} µs CPU per request in the replicas',
  'audit.verdict.cost-no-cpu': 'CPU not measured (replicas not started by authscale)',
  'audit.verdict.replica-lost':
    'When {replica} died, {lost} of {users} users lost their session and {failed} requests failed.',
  'audit.verdict.replica-exit':
    '{replica} exited on its own after {seconds} s ({how}); figures after that include its absence.',

  'audit.how.measured': 'measured',
  'audit.how.derived': 'derived',
  'audit.col.replica': 'replica',
  'audit.col.ok': 'logged in',
  'audit.col.failed': 'logged out',
  'audit.col.figure': 'figure',
  'audit.col.value': 'value',
  'audit.col.forgery': 'forgery',
  'audit.col.tries': 'tries',
  'audit.col.outcome': 'outcome',
  'audit.col.status': 'status',
  'audit.col.copy': 'copy',
  'audit.col.works': 'worked for',
  'audit.col.end': 'at the end of the window',
  'audit.col.t': 'seconds',
  'audit.col.median': 'median',
  'audit.col.range': 'min–max',
  'audit.yes': 'yes',
  'audit.no': 'no',
  'audit.none': 'none',

  'audit.relogin.title': 'Scaling: does a session survive round-robin?',
  'audit.relogin.theory':
    'Users log in through the balancer and repeat {poll}. If each replica keeps sessions in its own memory, only the replica that handled the login knows the session: under round-robin a request fails (N-1)/N of the time. A shared store or a credential that carries its own data fails 0 times.',
  'audit.relogin.summary':
    '{failed} of {requests} requests logged out ({rate}); per-replica state would give {expected}.',
  'audit.relogin.direct':
    'Asked directly afterwards, {all} of {sessions} sessions were known by every replica and {one} by one replica only.',
  'audit.relogin.verdict.per-replica-state': 'Verdict: per-replica state.',
  'audit.relogin.verdict.shared-or-client-side': 'Verdict: shared or client-side state.',

  'audit.credential.title': 'The credential: what the client holds',
  'audit.credential.theory':
    'What the login hands the client and every request sends back. A JWT or a signed cookie session carries the user data (any replica can read it, but it cannot be ended server-side); an opaque id means the data stays on the server, and the id must be unguessable (at least 64 bits of entropy, OWASP).',
  'audit.credential.kind': 'kind',
  'audit.credential.kind.cookie': 'cookie',
  'audit.credential.kind.header': 'request header',
  'audit.credential.names': 'names',
  'audit.credential.bytes': 'bytes per request',
  'audit.credential.http-only': 'HttpOnly (scripts cannot read it)',
  'audit.credential.secure': 'Secure (HTTPS only)',
  'audit.credential.same-site': 'SameSite',
  'audit.credential.max-age': 'Max-Age / Expires',
  'audit.credential.session-cookie': 'until the browser closes',
  'audit.credential.jwt-header': 'JWT header',
  'audit.credential.jwt-claims': 'JWT claims',
  'audit.credential.jwt-lifetime': 'JWT lifetime (exp − iat)',
  'audit.credential.client-side': 'client-side session',
  'audit.credential.client-side.yes':
    'yes: the credential itself carries the user data ({decoded}); logout cannot take it back',
  'audit.credential.client-side.no': 'no: an opaque id the server looks up',
  'audit.credential.opaque': 'opaque id',
  'audit.credential.opaque-bits':
    '{length} characters, about {bits} bits (estimated from the alphabet: an upper bound)',
  'audit.credential.weak-id': 'Fewer than 64 bits: an attacker could guess live session ids.',
  'audit.credential.header-note':
    'A header credential is held by the page script: HttpOnly does not apply, an XSS can read it.',
  'audit.credential.seconds': '{seconds} s',

  'audit.revocation.title': 'Logout and theft: how long does a copied credential work?',
  'audit.revocation.theory':
    'A copy of the credential is taken before logout and replayed after it, on every replica, once a second until no replica accepts it or the window ({window} s) ends. The same for a copy taken while the user stays logged in (theft). Server-side sessions can end both at once; a self-contained credential works until it expires.',
  'audit.revocation.logout': 'taken before logout',
  'audit.revocation.theft': 'stolen, user still logged in',
  'audit.revocation.logout-status': 'The logout request was answered {status}.',
  'audit.revocation.skipped.no-logout': 'not measured: the profile has no logout',

  'audit.forgeries.title': 'Forged credentials',
  'audit.forgeries.theory':
    'Forgeries that fit the credential, each sent to every replica: for a JWT the attacks of RFC 8725 (alg none, signature stripped, payload changed under the real signature, another key, expired with the real key); for cookies and opaque tokens a changed and a cut value. Every one must be refused.',
  'audit.forgeries.accepted': '✗ accepted',
  'audit.forgeries.refused': '✓ refused',
  'audit.forgeries.skipped.key-unknown': 'not tried: the signing key is not among app.env',
  'audit.forgeries.none': 'No value in the credential to forge.',
  'audit.forgery.alg-none': 'alg: none (unsigned token)',
  'audit.forgery.signature-stripped': 'signature stripped',
  'audit.forgery.payload-tampered': 'payload changed to another user, real signature',
  'audit.forgery.wrong-key': 'signed with another key',
  'audit.forgery.expired': 'real key, expired an hour ago',
  'audit.forgery.cookie-flipped': 'cookie: one signature character changed',
  'audit.forgery.cookie-truncated': 'cookie: last 4 characters cut off',
  'audit.forgery.token-flipped': 'token: one character changed',
  'audit.forgery.token-truncated': 'token: last 4 characters cut off',

  'audit.failure.title': 'A replica dies',
  'audit.failure.theory':
    'Users keep polling through the balancer while one replica gets SIGKILL (its whole process group, like a crashed container). Sessions kept in that replica are lost; requests in flight or sent before the balancer notices fail.',
  'audit.failure.summary':
    '{replica} killed at {at} s: {lost} of {users} sessions lost, {failed} requests failed (no answer or 5xx), {loggedOut} answered as logged out after the kill, of {requests}.',
  'audit.failure.skipped.targets': 'not measured: replicas you run are never killed',
  'audit.failure.skipped.one-replica': 'not measured: one replica',
  'audit.failure.killed': '← kill',

  'audit.failure.lane': 'the protected request',
  'audit.failure.killed-label': '{replica} killed',

  'audit.load.title': 'Load: cost per request',
  'audit.load.theory':
    "{poll} at a fixed offered rate ({rate} req/s, {connections} connections) in {rounds} rounds of {seconds} s; latency counted from each request's due time. CPU µs per request is the CPU time of the replicas' process trees (/proc, any language) divided by the requests: it depends much less on other work on the machine than req/s. Median with min–max over the rounds.",
  'audit.load.rps': 'req/s achieved',
  'audit.load.p50': 'p50 latency (ms)',
  'audit.load.p99': 'p99 latency (ms)',
  'audit.load.cpu': 'CPU µs per request (replicas)',
  'audit.load.cpu-none': 'not measured (replicas you run)',
  'audit.load.errors': '{errors} errors, {non2xx} answers not 2xx (logged out counts here), of {requests}.',

  'audit.exits.title': 'Replicas that exited on their own',

  'audit.cli.step.start': 'starting the replicas and the balancer…',
  'audit.cli.step.relogin': 'scaling: users log in and repeat the protected request…',
  'audit.cli.step.credential': 'reading the credential…',
  'audit.cli.step.forgeries': 'trying forged credentials…',
  'audit.cli.step.revocation': 'logout and theft: replaying copies for {seconds} s…',
  'audit.cli.step.load': 'load: fixed rate in rounds…',
  'audit.cli.step.replica-failure': 'killing one replica mid-run…',
  'audit.cli.reports': 'reports:',
  'audit.cli.error': 'error: {message}',
  'audit.cli.usage': `usage:
  npm run audit -- --profile FILE [flags]

flags:
  --profile FILE             the app to audit (YAML or JSON; see docs/audit.md)
  --replicas N               replicas to start from app.command (default 3)
  --strategy S               {strategies} (default round-robin)
  --balancer B               builtin | haproxy | nginx (default builtin)
  --quick                    30 s revocation window instead of 120 s, fewer requests
  --ready-timeout S          seconds a replica may take to get ready (default 60)
  --threshold 'EXPR'         e.g. 'relogin.failureRate < 0.1' (repeatable; --list-figures names them)
  --thresholds FILE          one EXPR a line
  --no-default-thresholds    drop the default forgeries.accepted == 0
  --junit FILE               JUnit XML, a testcase per threshold
  --lang en|ko               language of the terminal, report.md and report.html (now: {lang})
  --out DIR                  report directory (default reports/audit-<timestamp>)
  --json                     print report.json instead of the verdict

exit codes: 0 done, 99 a threshold failed (by default: a forgery got in), 2 bad flags or profile, 1 the run failed`,
  'audit.error.unknown-field': '{path}: unknown field',
  'audit.error.one-of': '{path}: expected {values}',
  'audit.error.missing': '{path}: expected {type} (missing)',
  'audit.error.type': '{path}: expected {type}, got {got}',
  'audit.error.too-few': '{path}: expected at least {minimum} item(s)',
  'audit.error.too-short': '{path}: expected at least {minimum} character(s)',
  'audit.error.other': '{path}: {message}',
  'audit.error.placeholder': '{path}: unknown placeholder {placeholder}',
  'audit.error.env': '{path}: environment variable {name} is not set',
  'audit.error.unreadable': '{file}: cannot read it ({reason})',
  'audit.error.unparsable': '{file}: not valid YAML or JSON ({reason})',
  'audit.error.not-ready-http':
    '{replica} was not ready within {seconds} s (waited for GET {path} answering below 500); its last output:{output}',
  'audit.error.not-ready-tcp':
    '{replica} was not ready within {seconds} s (waited for a TCP connection on port {port}); its last output:{output}',
  'audit.error.exited': '{replica} exited during start ({how}); its last output:{output}',
  'audit.error.login': 'login as {user}: {request} → status {status}: {excerpt}',
  'audit.error.login-unverified':
    'login as {user}: {request} → status {status}, then GET {poll} was not logged in (status {pollStatus}): {excerpt}',
  'audit.error.login-placeholder': 'login as {user}: {request} → status {status}, but {reason}: {excerpt}',
  'audit.error.poll-open':
    'verification.pollUrl: GET {poll} answered {status} and counts as logged in without any credential; set verification.loggedInRegex to something only a logged-in page shows',
  'audit.error.nginx-sticky':
    'nginx cannot do sticky for an app: nginx OSS has no cookie affinity of its own; use --balancer haproxy or builtin',
  'audit.error.balancer': '{balancer} cannot run here: {reason}',
  'audit.error.interrupted': 'interrupted by a stop signal; every replica was stopped',
  'audit.schema.path': '{path}: expected a path starting with "/"',
  'audit.schema.env-name': '{path}: expected an environment variable name',
  'audit.schema.regex': '{path}: expected a valid regular expression',
  'audit.schema.url': '{path}: expected an http:// URL',
  'audit.schema.command-or-targets':
    '{path}: expected exactly one of "command" (replicas authscale starts) or "targets" (replicas you run)',
  'audit.schema.headers-needed': '{path}: method "headers" needs at least one entry in "headers"',
  'audit.cli.error.flag': '--{flag} expects {what}, got "{text}"',
  'audit.cli.error.unknown-flag': 'unknown flag "{text}"',
  'audit.cli.error.no-profile': '--profile FILE is required',
  'audit.cli.error.profile': 'profile {file}:\n{details}',
} as const;
