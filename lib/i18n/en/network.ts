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
  'cli.error.rtt-needs-shaped': '--store-rtt and --client-rtt shape links: add --network shaped',
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
} as const;
