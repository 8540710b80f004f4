/** Store topology, failover durability and the network on one machine (reports, console, CLI). */
export const network = {
  'report.col.failover-lost': 'acknowledged logins lost at failover',
  'report.fig.failover-lost': 'acknowledged logins lost at failover',
  'report.failover.lost': '{lost} of {acknowledged} ({durability})',
  'report.failover.async': 'asynchronous replication',
  'report.failover.wait': 'WAIT {replicas} replica(s), {timeout} ms',
  'report.failover.unknown': 'durability unknown',
  'report.def.store.failover-lost':
    'Fresh logins were sent back to back across the kill; this counts those the cluster answered 200 whose session was unknown after the failover. Redis replicates asynchronously: the primary answers a write before its replica has it, so a write acknowledged just before the primary dies can be missing on the replica that takes over. 0 here is a measurement of this run, not a promise. With REDIS_WAIT_REPLICAS the nodes answer only once a replica confirmed the write (Redis WAIT): no acknowledged session can be lost, for one more round trip per login — and while no replica is in sync, logins fail with 503 instead.',
  'report.col.shard-touched': 'users touched (killed shard / others)',
  'report.fig.shard-touched': 'users touched by the dead shard',
  'report.shard.touched': '{inside} of {members} in shard {primary}; {outside} elsewhere',
  'report.shard.outside-answers': '(their failed requests: {answers})',
  'report.def.store.shard-touched':
    'Redis Cluster: one shard’s primary was killed. Each user’s session (jwt: refresh family) lives in the shard its key hashes to; users with a failed request during the failover are counted inside that shard and outside it. The other shards keep serving, so only the first count should be above 0.',
  'cli.error.rtt':
    '--{flag}: expected a round-trip time between 0 and 1000 ms, like 1ms or 20ms; got "{text}"',
  'cli.error.rtt-needs-shaped': '--store-rtt, --client-rtt and --jitter shape links: add --network shaped',
  'report.network.shaped':
    'Network: shaped on loopback by user-space latency relays (each link: RTT set → measured median, min–max) — {links}',
  'report.network.store':
    'node↔store {configured} ms → {measured} ms ({min}–{max}; {direct} ms without the relay)',
  'report.network.client':
    'client↔balancer {configured} ms → {measured} ms ({min}–{max}; {direct} ms without the relay)',
  'report.network.clients-many':
    'Clients: each virtual user connects from its own loopback address (127.1.x.y), as users behind different networks; ip-hash and per-address limits see one client per user',
  'report.network.clients-one':
    'Clients: every virtual user connects from 127.0.0.1, as users behind one NAT (ip-hash sends them all to one node)',
  'report.network.clients-one-platform':
    'Clients: every virtual user connects from 127.0.0.1 (this platform binds no other loopback address without an interface alias), as users behind one NAT',
  'report.network.clients-one-remote':
    'Clients: every virtual user connects from one address (the target is not on this machine, so loopback source addresses cannot reach it), as users behind one NAT',
  'report.col.users-per-node': 'users per node',
  'console.lesson.7.note':
    'With a replica and Sentinel, a failover keeps the sessions — as far as they had reached the replica: Redis replicates asynchronously, so a login answered just before the primary dies can be lost. Nodes that WAIT for the replica (REDIS_WAIT_REPLICAS) lose none, for one more round trip per login.',
  'cli.error.jitter':
    '--jitter: expected ± ms between 0 and {max} ms (half the smaller RTT), like 0.2ms; got "{text}"',
  'cli.error.partition-target':
    '--fault partition cuts links this run launches: it cannot work with --target',
  'cli.error.partition-redis':
    '--fault partition needs the single local Redis (--redis single), not --redis {redis}',
  'cli.error.fault-cluster': '--fault belongs to the failure scenarios (demo, scenario); cluster runs none',
  'report.network.jitter':
    'jitter ±{jitter} ms: RTT median absolute deviation {measured} ms measured, {expected} ms expected from the setting, {direct} ms without the relay',
  'report.fault.line':
    'Fault: {kind} — node-failure and store-failure cut the link (balancer↔node, node↔store) with a relay that holds every byte until it heals: packets vanish, nothing is refused',
  'report.col.fault': 'fault',
  'report.fault.kill': 'kill',
  'report.fault.stop': 'stop',
  'report.fault.failover': 'failover',
  'report.fault.pause': 'pause',
  'report.fault.partition': 'partition',
  'report.def.fault':
    'How the fault was made. kill / stop: the process is gone and its port refuses at once, so the balancer retries elsewhere and a node’s Redis client fails fast. partition: the link holds every byte until it heals — nothing is refused, so each request waits for a timeout (the node’s 500 ms Redis command timeout, the balancer’s health-check timeout) before anyone knows.',
  'report.col.fault-answers': 'answers during the fault (median / slowest)',
  'report.fig.fault-answers': 'answers during the fault',
  'report.def.fault-answers':
    'How long the requests in flight while the fault lasted (one sent just before it and caught by it included) took to be answered, ok or not: median / slowest (ms), and how many. A stopped process answers fast; a partition keeps the first requests waiting.',
  'report.fig.failed-answers': 'failed requests answered in',
  'report.def.failed-answers':
    'How long the failed requests took to fail, from the fault on: median / slowest (ms). A fast 503 is a few ms; after a partition the first ones wait for a timeout.',
  'report.answers': '{p50} / {max} ms ({count})',
  'report.fig.node-recovered': 'recovered after the heal',
  'report.def.node.recovered':
    'partition: seconds from the heal to the last failed request (0 when nothing failed after it).',
  'report.legend.partition': 'link partitioned',
  'report.fig.breaker': 'circuit breaker',
  'report.breaker.text': 'opened {opened} ms after the fault; closed {closed} ms after the store was back',
  'report.def.breaker':
    'Each node’s circuit breaker in front of Redis, as its /metrics showed it (polled every 50 ms): when the first one opened after the fault, and when it closed after the store was back (restarted or healed). A refused connection opens it at once; a partition only after a command times out (500 ms). Once open it answers 503 at once and PINGs the store every 200 ms.',
  'report.fig.balancer-health': 'balancer health checks',
  'report.balancer-health.text':
    'out of rotation {ejected} ms after the fault; back in {back} ms after the heal',
  'report.def.balancer-health':
    'Our balancer’s view of the failed node, as /__lb/stats showed it (polled every 50 ms): when it left the rotation, and when it came back after a partition healed. A killed node is refused at once (the request is retried elsewhere and the node ejected); a partitioned one only after two health checks time out.',
} as const;
