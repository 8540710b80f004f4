import { authModeOf, type RunMode, runModeOptions } from '../../cluster/run-modes.ts';
import {
  BalancerUnavailableError,
  type Cluster,
  StoreUnavailableError,
  startCluster,
} from '../../cluster/start-cluster.ts';
import { langFromEnv, type Translate, translator } from '../../lib/i18n/index.ts';
import type { AuthMode } from '../../nodes/config.ts';
import { networkLine } from '../report/network-words.ts';
import { modeName, strategyName } from '../report/words.ts';
import type { Flags } from './args.ts';

/**
 * `npm run cluster -- --mode redis --nodes 3 --strategy round-robin`: one cluster for hands-on
 * use. Prints the URLs and ready-to-paste curl commands, then waits for Ctrl-C and tears down.
 */
export function curlExamples(url: string, mode: AuthMode, t: Translate = translator('en')): string[] {
  const login = `curl -i -c /tmp/authscale.jar -H 'content-type: application/json' -d '{"username":"alice","password":"alice-pw"}' ${url}/auth/login`;
  if (mode === 'jwt') {
    return [
      `# ${t('cli.cluster.jwt-login')}`,
      login,
      `TOKEN=$(curl -s -c /tmp/authscale.jar -H 'content-type: application/json' -d '{"username":"alice","password":"alice-pw"}' ${url}/auth/login | sed -E 's/.*"accessToken":"([^"]+)".*/\\1/')`,
      `# ${t('cli.cluster.jwt-request')}`,
      `curl -i -H "Authorization: Bearer $TOKEN" ${url}/api/me`,
      `# ${t('cli.cluster.jwt-refresh')}`,
      `curl -i -b /tmp/authscale.jar -c /tmp/authscale.jar -X POST ${url}/auth/refresh`,
      `curl -i -H "Authorization: Bearer $TOKEN" -b /tmp/authscale.jar -X POST ${url}/auth/logout`,
    ];
  }
  return [
    `# ${t('cli.cluster.session-login')}`,
    login,
    `# ${t('cli.cluster.session-request')}`,
    `curl -i -b /tmp/authscale.jar ${url}/api/me`,
    `curl -i -b /tmp/authscale.jar -c /tmp/authscale.jar -X POST ${url}/auth/logout`,
  ];
}

function describe(cluster: Cluster, run: RunMode, t: Translate): string {
  const lines = [
    t('cli.cluster.title', {
      mode: modeName(run, t),
      nodes: cluster.nodeUrls.length,
      strategy: strategyName(cluster.strategy, t),
    }),
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
  if (cluster.clusterNodes) {
    lines.push(`  redis cluster ${cluster.clusterNodes.map((s) => `${s.host}:${s.port}`).join(', ')}`);
  }
  const network = networkLine(cluster.network, t);
  if (network) lines.push(`  ${network}`);
  if (cluster.storeNote) lines.push(`  ${t('cli.cluster.note')}  ${cluster.storeNote}`);
  lines.push('', t('cli.cluster.try'), '');
  lines.push(...curlExamples(cluster.url, authModeOf(run), t).map((line) => `  ${line}`));
  return `${lines.join('\n')}\n`;
}

export async function runCluster(flags: Flags): Promise<number> {
  const run = flags.modes?.[0] ?? 'memory';
  const t = translator(flags.lang ?? langFromEnv());
  let cluster: Cluster;
  try {
    // jwt is stateless (no Redis at all); jwt-redis requires Redis like redis does.
    cluster = await startCluster({
      ...runModeOptions(run),
      nodes: flags.nodes ?? 3,
      strategy: flags.strategy ?? 'round-robin',
      redis: flags.redis ?? 'single',
      ...(flags.network && { network: flags.network }),
      ...(flags.balancer && { balancerKind: flags.balancer }),
      healthInterval: '1s',
    });
  } catch (error) {
    if (error instanceof BalancerUnavailableError) {
      process.stderr.write(`authscale: ${t('cli.cluster.no-balancer', { reason: error.reason })}\n`);
      return 1;
    }
    if (error instanceof StoreUnavailableError) {
      process.stderr.write(
        `authscale: ${t('cli.cluster.needs-redis', { mode: run, reason: error.reason })}\n`,
      );
      return 1;
    }
    throw error;
  }
  process.stdout.write(describe(cluster, run, t));
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  process.stdout.write(`\n${t('cli.cluster.stopping')}\n`);
  await cluster.close();
  return 0;
}
