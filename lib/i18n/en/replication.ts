/** Lesson step 14: the replicated session store (primary, replica, sentinels) and its failover. */
export const replication = {
  'console.step.stopping-primary': 'stopping the primary and timing the failover',
  'console.step.rejoining-replica': 'starting the old primary again as a replica',
  'console.lesson.setup.sentinel': 'Sentinel',
  'console.lesson.action.stopPrimary': 'stop the primary',
  'console.lesson.14.title': 'A replicated store: Sentinel failover',
  'console.lesson.14.quote': '…but then it must itself be replicated in case it fails.',
  'console.lesson.14.watch':
    'Redis runs as a primary, a replica and three sentinels. Stop the primary: the sentinels agree it is down and promote the replica; the nodes follow them. Watch how long it takes, and whether anyone had to log in again.',
  'console.lesson.14.note':
    'Replication is asynchronous: a session written just before the primary died can be lost.',
  'console.replication.role.primary': 'primary ✓',
  'console.replication.role.replica': 'replica ✓',
  'console.replication.role.down': 'down ✗',
  'console.figure.replication': 'Redis {instances} · sentinels {up}/{total} answering',
  'console.figure.failover.waiting':
    'primary :{port} stopped {seconds} s ago: waiting for the sentinels to promote the replica…',
  'console.figure.failover.done':
    'failover: :{promoted} promoted, accepting writes after {write} s; a session from before the stop worked again after {session} s (measured) · users sent back to log in: {unknown}',
  'console.figure.failover.sessionLost':
    'failover: :{promoted} promoted, accepting writes after {write} s (measured); the session written before the stop was lost (asynchronous replication) · users sent back to log in: {unknown}',
  'console.figure.failover.failed': 'no new primary accepted writes within {seconds} s',
  'console.figure.failover.rejoined': 'the old primary :{port} is back as a replica',
} as const;
