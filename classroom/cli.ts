import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { translator } from '../lib/i18n/index.ts';
import { isLoopbackHost, parseClassroomArgs, USAGE, UsageError } from './args.ts';
import { buildClassroom } from './build-classroom.ts';
import { externalIPv4, origin } from './lan-address.ts';
import { JOIN_PREFIX, LiveCluster } from './live-cluster.ts';

/**
 * `npm run classroom` (and `authscale classroom`): an embedded cluster (balancer on the fixed --balancer-port) and the console.
 * Prints both URLs (and the control token when the console is reachable from other machines);
 * Ctrl-C stops the console and every process of the cluster.
 */
export async function runClassroomCli(argv: string[]): Promise<number> {
  let args: ClassroomArgs;
  try {
    args = parseClassroomArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`classroom: ${error.message}\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  return runClassroom(args);
}

type ClassroomArgs = ReturnType<typeof parseClassroomArgs>;

/** Starts the cluster and the console, prints where they are, and runs until SIGINT/SIGTERM. */
async function runClassroom(args: ClassroomArgs): Promise<number> {
  const t = translator(args.lang);
  const print = (line: string) => process.stdout.write(`${line}\n`);
  // --lan: only the balancer (and the /join page it passes to the console) faces the network.
  const studentHost = args.lan ? (args.studentHost ?? externalIPv4()[0]) : undefined;
  if (args.lan && studentHost === undefined) {
    process.stderr.write(`classroom: ${t('students.cli.noLan')}\n`);
    return 2;
  }
  const consoleHost = args.host === '0.0.0.0' || args.host === '::' ? '127.0.0.1' : args.host;
  print(t('console.cli.starting', { mode: args.mode, nodes: args.nodes, strategy: args.strategy }));
  let live: LiveCluster;
  try {
    live = await LiveCluster.start({
      setup: { mode: args.mode, strategy: args.strategy, nodes: args.nodes },
      balancerPort: args.balancerPort,
      joinOrigin: origin(consoleHost, args.port),
      ...(studentHost !== undefined && { balancerHost: studentHost }),
    });
  } catch (error) {
    process.stderr.write(`${t('console.cli.failed', { message: firstLine(error) })}\n`);
    return 1;
  }
  const controlToken = randomBytes(18).toString('base64url');
  const joinUrl =
    studentHost === undefined ? undefined : `${origin(studentHost, args.balancerPort)}${JOIN_PREFIX}`;
  // The balancer passes /join on from the console's own host: only its X-Forwarded-For is believed.
  const app = buildClassroom({
    live,
    lang: args.lang,
    controlToken,
    trustProxy: [isIP(consoleHost) === 0 ? 'loopback' : consoleHost],
    ...(joinUrl && { joinUrl }),
  });
  try {
    await app.listen({ port: args.port, host: args.host });
  } catch (error) {
    await live.close();
    process.stderr.write(`${t('console.cli.failed', { message: firstLine(error) })}\n`);
    return 1;
  }
  const join = joinUrl === undefined ? undefined : { url: joinUrl, host: studentHost! };
  printWhere(args, live.balancerUrl, controlToken, join);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  print(t('console.cli.stopping'));
  await app.close();
  await live.close();
  return 0;
}

/** The console's and the balancer's URLs, the control token off loopback, the students' page. */
function printWhere(
  args: ClassroomArgs,
  balancerUrl: string,
  controlToken: string,
  join: { url: string; host: string } | undefined,
): void {
  const t = translator(args.lang);
  const print = (line: string) => process.stdout.write(`${line}\n`);
  for (const host of consoleHosts(args.host)) {
    print(
      t('console.cli.console', { url: `http://${host.includes(':') ? `[${host}]` : host}:${args.port}` }),
    );
  }
  print(t('console.cli.balancer', { url: balancerUrl }));
  if (!isLoopbackHost(args.host)) print(t('console.cli.token', { token: controlToken }));
  if (join) print(t('students.cli.lan', join));
  print(t('console.cli.open'));
}

/** The addresses students can type: every external IPv4 address when bound to all of them. */
function consoleHosts(host: string): string[] {
  if (host !== '0.0.0.0' && host !== '::') return [host];
  return ['127.0.0.1', ...externalIPv4()];
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}
