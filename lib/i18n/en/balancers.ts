/** Words of the `balancers` scenario: the same re-login figures behind authscale, HAProxy and nginx (docs/scenarios-reference.md). */
export const balancers = {
  'report.scenario.balancers': 'balancers',
  'report.claim.balancers.title': 'The same failures behind HAProxy and nginx',
  'report.claim.balancers.section': 'Difference 3 — scalability',
  'report.claim.balancers.quote':
    'In a distributed / clustered setup each request may reach a different server, and a server that does not hold the session makes the user log in again, again and again.',
  'report.claim.balancers.explanation':
    'Is the re-login failure an artefact of authscale’s own balancer? The run’s in-memory nodes are put behind authscale’s balancer, a real HAProxy and a real nginx in turn, each round-robin and then sticky, and fresh users log in and make the same requests through each.',
  'balancers.col.balancer': 'balancer',
  'balancers.col.strategy': 'balancing',
  'balancers.note.agree':
    'Behind {kinds} the failure rates agree with theory within sampling noise (three standard errors): round-robin ≈ (N-1)/N, sticky 0.',
  'balancers.note.differ':
    'Behind {kinds} at least one failure rate is further from theory than sampling noise explains (three standard errors): look at the “served by” column for an uneven spread.',
  'balancers.note.why':
    'The failures come from where the sessions live, not from the software in front: any per-request balancer spreads a user’s requests over nodes that do not share sessions, and any sticky one pins them to the node that holds it.',
  'balancers.skip.not-on-path': '{kind} is not installed here; install it: {install}',
  'balancers.skip.target':
    'needs the embedded launcher: it puts HAProxy and nginx in front of the nodes, which --target cannot do',
} as const;
