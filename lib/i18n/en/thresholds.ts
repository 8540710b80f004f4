/** Words of thresholds (`--threshold`), the figure catalogue (`--list-figures`) and JUnit. */
export const thresholds = {
  'ci.threshold.title': 'Thresholds',
  'ci.threshold.heading': 'Thresholds: {passed} of {total} hold, {failed} failed, {missing} not measured',
  'ci.threshold.missing': 'not measured: no run produced {figure}; figures this report has: {names}',
  'ci.threshold.error.syntax':
    'threshold "{expr}" is not FIGURE{label=value,…} OP NUMBER (OP one of {ops}), e.g. "{example}"',
  'ci.threshold.error.figure': 'threshold "{expr}": unknown figure "{name}"; figures: {names}',
  'ci.threshold.error.label': 'threshold "{expr}": unknown label "{label}"; labels: {labels}',
  'ci.threshold.error.label-syntax': 'threshold "{expr}": "{text}" is not label=value',
  'ci.threshold.error.label-value':
    'threshold "{expr}": {label}={text} is not a valid value; expected {values}',
  'ci.threshold.error.number': 'threshold "{expr}": "{text}" is not a number',
  'ci.threshold.error.end':
    'threshold "{expr}": {name} has no min–max range (it is measured once), so .{end} makes no sense',
  'ci.threshold.error.file': 'cannot read the thresholds file {file} ({reason})',
  'ci.threshold.error.file-line': '{file} line {line}: {message}',
  'ci.threshold.error.not-in-run':
    'threshold "{expr}": its figure comes from the {scenario} scenario, which this run does not include ({scenarios}); figures this run produces: {names}',
  'ci.threshold.error.mode-not-in-run':
    'threshold "{expr}": mode {mode} is not among this run\'s modes ({modes})',
  'ci.threshold.error.cluster':
    'cluster runs no scenario: --threshold, --thresholds and --junit belong to demo and scenario',
  'ci.status.passed': 'holds',
  'ci.status.failed': 'failed',
  'ci.status.missing': 'not measured',
  'ci.unit.rps': 'req/s',
  'ci.unit.ms': 'ms',
  'ci.unit.micros': 'µs',
  'ci.unit.ops': 'ops',
  'ci.unit.bytes': 'bytes',
  'ci.unit.s': 's',
  'ci.col.result': 'result',
  'ci.col.threshold': 'threshold',
  'ci.col.measured': 'measured',
  'ci.col.figure': 'figure',
  'ci.col.unit': 'unit',
  'ci.col.better': 'better',
  'ci.col.demo-source': 'demo report.json (results[].scenarios.…)',
  'ci.col.audit-source': 'audit report.json',
  'ci.col.meaning': 'meaning',
  'ci.better.lower': 'lower is better',
  'ci.better.higher': 'higher is better',
  'ci.better.none': 'neither',
  'ci.list.heading':
    'Figures a threshold or a comparison can name (unit; figures with a range use the median):',
  'ci.list.labels': 'Labels: {labels}, e.g. relogin.failureRate{mode=memory,strategy=sticky} == 0',
  'ci.list.spread-unit': '{unit}, median (.min/.max)',
  'ci.list.grammar':
    'A threshold: FIGURE[.min|.max]{label=value,…} OP NUMBER, OP one of < <= > >= == !=.\nWithout labels every run that has the figure must pass.',
  'ci.usage.flags': `
thresholds (CI):
  --threshold 'EXPR'         a figure that must hold, e.g. 'load.p99Ms{mode=jwt} < 50' (repeatable)
  --thresholds FILE          one EXPR a line, # comments
  --junit FILE               JUnit XML, a testcase per threshold
  --list-figures             the figure names, units and labels a threshold can use
  exit codes: 0 all thresholds hold, 99 one failed, 2 bad usage, 1 the run failed`,
  'ci.figure.relogin.failureRate': 'share of repeated requests refused, sending the user back to login (0–1)',
  'ci.figure.load.rps':
    'req/s, median of rounds: the demo at max rate, the audit achieved at its offered rate',
  'ci.figure.load.p50Ms': 'median latency at the fixed offered rate',
  'ci.figure.load.p99Ms': '99th percentile latency at the fixed offered rate',
  'ci.figure.load.cpuMicrosPerRequest': 'node CPU time per request (process CPU, all nodes)',
  'ci.figure.load.storeOpsPerRequest': 'Redis commands per request (0 without a store)',
  'ci.figure.credential.bytes': 'size of the credential the client sends (cookie or bearer token)',
  'ci.figure.credential.requestHeaderBytes': 'size of the request headers carrying it',
  'ci.figure.logout.copyWorksSeconds': 'seconds a copy taken before logout still works after it',
  'ci.figure.theft.copyWorksSeconds': 'seconds a stolen copy works while the user stays logged in',
  'ci.figure.forgeries.accepted': 'forged or tampered credentials the app accepted (a finding each)',
  'ci.figure.forgeries.tried': 'forged or tampered credentials tried',
  'ci.figure.nodeFailure.sessionsLost': 'users sent back to login when a node (replica) died',
  'ci.figure.nodeFailure.failedRequests': 'requests that failed when a node (replica) died',
  'ci.figure.storeFailure.failedRequests': 'requests that failed while the session store was down',
  'ci.figure.storeFailure.sessionsLost': 'users whose session was gone after the store came back',
  'ci.figure.storeFailure.secondsToRecover': "seconds from the store's return to the last failed request",
} as const;
