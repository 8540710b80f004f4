import { authModeOf, type RunMode, runModeOptions } from '../../cluster/run-modes.ts';
import { type Cluster, StoreUnavailableError, startCluster } from '../../cluster/start-cluster.ts';
import type { AuthMode } from '../../nodes/config.ts';
import type { Flags } from './args.ts';

/**
 * `npm run cluster -- --mode redis --nodes 3 --strategy round-robin`: one cluster for hands-on
 * use. Prints the URLs and ready-to-paste curl commands, then waits for Ctrl-C and tears down.
 */
export function curlExamples(url: string, mode: AuthMode): string[] {
  const login = `curl -i -c /tmp/authscale.jar -H 'content-type: application/json' -d '{"username":"alice","password":"alice-pw"}' ${url}/auth/login`;
  if (mode === 'jwt') {
    return [
      '# log in: the access token is in the body, the refresh token in the rt cookie (Path=/auth)',
      login,
      `TOKEN=$(curl -s -c /tmp/authscale.jar -H 'content-type: application/json' -d '{"username":"alice","password":"alice-pw"}' ${url}/auth/login | sed -E 's/.*"accessToken":"([^"]+)".*/\\1/')`,
      '# an authenticated request, any node',
      `curl -i -H "Authorization: Bearer $TOKEN" ${url}/api/me`,
      '# rotate the refresh token (a replayed old one revokes the family)',
      `curl -i -b /tmp/authscale.jar -c /tmp/authscale.jar -X POST ${url}/auth/refresh`,
      `curl -i -H "Authorization: Bearer $TOKEN" -b /tmp/authscale.jar -X POST ${url}/auth/logout`,
    ];
  }
  return [
    '# log in: the session id comes back in the signed sid cookie',
    login,
    '# an authenticated request (repeat it: watch x-node-id and, in memory + round-robin, the 401s)',
    `curl -i -b /tmp/authscale.jar ${url}/api/me`,
    `curl -i -b /tmp/authscale.jar -c /tmp/authscale.jar -X POST ${url}/auth/logout`,
  ];
}

function describe(cluster: Cluster, run: RunMode): string {
  const lines = [
    `authscale cluster: ${run} mode, ${cluster.nodeUrls.length} nodes, ${cluster.strategy} (Ctrl-C stops it)`,
    '',
    `  balancer  ${cluster.url}   (stats: ${cluster.url}/__lb/stats)`,
    ...cluster.nodeUrls.map(
      (url, i) => `  ${cluster.nodeIds[i]!.padEnd(8)}  ${url}   (${url}/health, ${url}/metrics)`,
    ),
  ];
  if (cluster.redisUrl) lines.push(`  redis     ${cluster.redisUrl}`);
  if (cluster.sentinels) {
    lines.push(`  sentinels ${cluster.sentinels.map((s) => `${s.host}:${s.port}`).join(', ')}`);
  }
  if (cluster.storeNote) lines.push(`  note      ${cluster.storeNote}`);
  lines.push('', 'Try (users alice, bob, carol, user0001…user9999; password = name + "-pw"):', '');
  lines.push(...curlExamples(cluster.url, authModeOf(run)).map((line) => `  ${line}`));
  return `${lines.join('\n')}\n`;
}

export async function runCluster(flags: Flags): Promise<number> {
  const run = flags.modes?.[0] ?? 'memory';
  let cluster: Cluster;
  try {
    // jwt is stateless (no Redis at all); jwt-redis requires Redis like redis does.
    cluster = await startCluster({
      ...runModeOptions(run),
      nodes: flags.nodes ?? 3,
      strategy: flags.strategy ?? 'round-robin',
      redis: flags.redis ?? 'single',
      healthInterval: '1s',
    });
  } catch (error) {
    if (error instanceof StoreUnavailableError) {
      process.stderr.write(`authscale: ${run} needs Redis: ${error.reason}\n`);
      return 1;
    }
    throw error;
  }
  process.stdout.write(describe(cluster, run));
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  process.stdout.write('\nstopping…\n');
  await cluster.close();
  return 0;
}
