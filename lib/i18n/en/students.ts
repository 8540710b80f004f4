/** Students' own phones: the /join page (students.phone.*), the projector and `--lan` lines. */
export const students = {
  'students.phone.title': 'authscale · join the class',
  'students.phone.name': 'Your name',
  'students.phone.join': 'Join',
  'students.phone.login': 'Log in',
  'students.phone.logout': 'Log out',
  'students.phone.loggedIn': 'Logged in as {name} (answered by {node})',
  'students.phone.loggedOut': 'Not logged in',
  'students.phone.me': 'Ask who I am (/api/me)',
  'students.phone.repeat': 'Ask again every second',
  'students.phone.ok': '✓ {node} · {status} · it knows you',
  'students.phone.failed': '✗ {node} · {status} · {reason}',
  'students.phone.noNode': 'no node',
  'students.phone.tally': '✓ {ok} · ✗ {failed} ({rate} failed)',
  'students.phone.setup': 'Now: {mode} · {strategy}',
  'students.phone.setupChanged': 'The teacher changed the cluster: your figures start again.',
  'students.phone.badName': 'Pick a name of 1-24 characters.',
  'students.phone.full': 'The class is full (200 students).',
  'students.phone.addressLimit':
    'Too many students joined from this device or network address: leave on one of them first.',
  'students.phone.slowDown': 'Too fast: wait a moment.',
  'students.phone.gone': 'The console does not know you any more: join again.',
  'students.phone.loginFailed': 'Login failed: {reason}',
  'students.phone.how': 'Your phone talks to the load balancer itself, on its own connection.',
  'students.phone.reason.ERR_SESSION_UNKNOWN': 'this node never saw your session: log in again',
  'students.phone.reason.ERR_NO_CREDENTIALS': 'no cookie or token was sent: log in',
  'students.phone.reason.ERR_SESSION_EXPIRED': 'your session expired: log in again',
  'students.phone.reason.ERR_SESSION_INVALID': 'the cookie signature does not verify',
  'students.phone.reason.ERR_TOKEN_INVALID': 'this token is not valid here: log in again',
  'students.phone.reason.ERR_TOKEN_EXPIRED': 'your token expired: log in again',
  'students.phone.reason.ERR_TOKEN_REVOKED': 'your token was revoked',
  'students.phone.reason.ERR_STORE_UNAVAILABLE': 'the session store (Redis) is down',
  'students.phone.reason.ERR_NO_HEALTHY_UPSTREAM': 'no node is up',
  'students.phone.reason.ERR_UPSTREAM_UNAVAILABLE': 'the node did not answer',
  'students.phone.reason.ERR_RATE_LIMITED': 'too many tries: wait a minute',
  'students.phone.reason.ERR_NO_RESPONSE': 'no answer (the load balancer is being replaced?)',
  'students.phone.reason.other': 'failed ({code})',
  'students.qr.title': 'Join with your phone',
  'students.joined': '{joined} students joined · {active} active',
  'students.node': 'students ✓ {ok} ✗ {failed}',
  'students.figure': 'Students: ✓ {ok} · ✗ {failed} ({rate} failed)',
  'students.callout': '{loggedOut} students were just logged out ({kept} were not)',
  'students.callout.pending': '{pending} have not asked again yet',
  'students.cli.lan':
    'Students join at {url} — the load balancer and /join listen on {host}: anyone on this network can reach them; the controls stay on this machine.',
  'students.cli.noLan': 'no LAN address found: name one with --student-host ADDR',
  // Lesson step 12 (the token lifetime trade-off), shown to the class with the phones.
  'console.lesson.12.title': 'Token lifetime',
  'console.lesson.12.quote':
    'Too short, and users log in (or refresh) all the time; too long, and a stolen token keeps working.',
  'console.lesson.12.watch':
    "Log in and open the JWT inspector: the token's own exp − iat is its lifetime, every refresh is a store write, and a stolen copy works until exp.",
  'console.figure.lifetimes':
    'access token lifetime {minutes} min (from your token): about {refreshes} refreshes per user-hour; a stolen copy works for up to {minutes} min',
  'console.figure.lifetimesNoToken': "log in here to read your token's lifetime",
  // Lesson step 13 (the standing cost of a session).
  'console.lesson.13.title': 'Capacity: what a logged-in user costs',
  'console.lesson.13.quote': 'Many concurrent users load the server.',
  'console.lesson.13.watch':
    'Each session is a record in Redis: its size as Redis reports it, times a million, is what a million logged-in users cost. A stateless JWT costs the server nothing to keep.',
  'console.figure.capacity.redis':
    '{sessions} sessions in Redis, {bytes} B each (MEMORY USAGE, measured) → 1 million users ≈ {million} MB (derived)',
  'console.figure.capacity.none': 'stateless JWT: 0 B kept at the server per user (by design)',
  'console.figure.capacity.notMeasured':
    '{mode}: not measured live; npm run scenario -- capacity measures it',
} as const;
