/** Words of the `keepalive` scenario: why in-memory sessions "worked in dev" (docs/scenarios-reference.md). */
export const keepalive = {
  'report.scenario.keepalive': 'keepalive',
  'report.claim.keepalive.title': 'Why in-memory sessions “worked in dev”',
  'report.claim.keepalive.section': 'Difference 3 — scalability',
  'report.claim.keepalive.quote':
    'In a distributed / clustered setup each request may reach a different server, and a server that does not hold the session makes the user log in again, again and again.',
  'report.claim.keepalive.explanation':
    'An L4 balancer or a Kubernetes Service picks a node per TCP connection, not per request. The same users log in on the same in-memory nodes three times: through such a per-connection balancer keeping one keep-alive connection each, through it re-opening the connection every few requests, and through the run’s own per-request balancer.',
  'keepalive.col.balancing': 'balancing',
  'keepalive.col.expected': 'expected (theory for this line)',
  'keepalive.col.connections': 'connections (opened)',
  'keepalive.line.kept': 'one kept alive',
  'keepalive.axis.kept': 'per connection, kept',
  'keepalive.axis.reopened': 'per connection, new every {k}',
  'keepalive.axis.per-request': 'per request',
  'keepalive.line.reopened': 're-opened every {k} requests',
  'keepalive.note.why':
    'Why it worked in dev: a browser or an HTTP client keeps its connection alive, so every request of a short test reaches the node that created the session. Connections do not last — idle timeouts, connection limits, a restarted pod, a second tab — and each new connection reaches the node holding the session only 1 time in N, so the failures appear near the rate theory predicts.',
  'keepalive.skip.target':
    'needs the embedded launcher: it puts a per-connection balancer in front of the nodes, which --target cannot do',
} as const;
