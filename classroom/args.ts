import { isIP } from 'node:net';
import { parseArgs } from 'node:util';
import { STRATEGY_NAMES, type StrategyName } from '../balancer/config.ts';
import { RUN_MODES, type RunMode } from '../cluster/run-modes.ts';
import { isLang, LANGS, type Lang, langFromEnv } from '../lib/i18n/index.ts';

/**
 * `npm run classroom -- [flags]`: parsed once, strictly. Every mistake is a UsageError naming the
 * flag and what it expects; main.ts prints it as one line and exits 2.
 */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const MAX_NODES = 8;

export interface ClassroomArgs {
  port: number;
  host: string;
  balancerPort: number;
  mode: RunMode;
  nodes: number;
  strategy: StrategyName;
  lang: Lang;
  /** `--lan`: students join from their phones; the balancer listens on `studentHost`. */
  lan: boolean;
  /** `--student-host ADDR` (implies --lan); undefined: the machine's first LAN IPv4 address. */
  studentHost: string | undefined;
  help: boolean;
}

export const USAGE = `usage: npm run classroom -- [flags]

  --port N             console port (3000)             --host ADDR       console address (127.0.0.1)
  --balancer-port N    the balancer's fixed port (8080)
  --mode M             ${RUN_MODES.join(' | ')} (memory)
  --nodes N            1-${MAX_NODES} (3)                        --strategy S      ${STRATEGY_NAMES.join(' | ')} (round-robin)
  --lang en|ko         terminal and default page language (from LANG)
  --lan                students join from their phones at http://ADDR:BALANCER-PORT/join
  --student-host ADDR  the address phones reach (implies --lan; default: the first LAN IPv4)

With --host other than a loopback address, anyone on the network can watch and log in; the
controls need the x-control-token printed at start. With --lan only the load balancer (and the
/join page it serves) listens on the network; the console and its controls stay on --host.`;

function port(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < 1 || value > 65_535) {
    throw new UsageError(`--${flag} expects a port number 1-65535, got "${text}"`);
  }
  return value;
}

function choice<T extends string>(
  flag: string,
  text: string | undefined,
  choices: readonly T[],
  fallback: T,
): T {
  if (text === undefined) return fallback;
  if (!(choices as readonly string[]).includes(text)) {
    throw new UsageError(`--${flag} expects one of ${choices.join(' | ')}, got "${text}"`);
  }
  return text as T;
}

function nodeCount(text: string | undefined): number {
  if (text === undefined) return 3;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < 1 || value > MAX_NODES) {
    throw new UsageError(`--nodes expects a whole number 1-${MAX_NODES}, got "${text}"`);
  }
  return value;
}

function hostAddress(text: string | undefined): string {
  if (text === undefined) return '127.0.0.1';
  if (text !== 'localhost' && isIP(text) === 0) {
    throw new UsageError(`--host expects an IP address such as 127.0.0.1 or 0.0.0.0, got "${text}"`);
  }
  return text;
}

/** One address phones can reach: a wildcard would put the balancer on every network at once. */
function studentAddress(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  if (isIP(text) === 0 || text === '0.0.0.0' || text === '::') {
    throw new UsageError(
      `--student-host expects this machine's address on the class network, e.g. 192.168.1.20, got "${text}"`,
    );
  }
  return text;
}

export function parseClassroomArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): ClassroomArgs {
  let values: ReturnType<typeof parse>['values'];
  try {
    ({ values } = parse(argv));
  } catch (error) {
    // parseArgs messages are one line already ("Unknown option '--x'…"); keep the first.
    const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
    throw new UsageError(message.replace(/\. To specify a positional argument.*$/, ''));
  }
  const parsed: ClassroomArgs = {
    port: port('port', values.port, 3000),
    host: hostAddress(values.host),
    balancerPort: port('balancer-port', values['balancer-port'], 8080),
    mode: choice('mode', values.mode, RUN_MODES, 'memory'),
    nodes: nodeCount(values.nodes),
    strategy: choice('strategy', values.strategy, STRATEGY_NAMES, 'round-robin'),
    lang: values.lang === undefined ? langFromEnv(env) : choice('lang', values.lang, LANGS, 'en'),
    lan: (values.lan ?? false) || values['student-host'] !== undefined,
    studentHost: studentAddress(values['student-host']),
    help: values.help ?? false,
  };
  if (parsed.port === parsed.balancerPort) {
    throw new UsageError(`--port and --balancer-port must differ, both are ${parsed.port}`);
  }
  if (!isLang(parsed.lang)) throw new UsageError(`--lang expects en | ko, got "${values.lang}"`);
  return parsed;
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: false,
    strict: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'balancer-port': { type: 'string' },
      mode: { type: 'string' },
      nodes: { type: 'string' },
      strategy: { type: 'string' },
      lang: { type: 'string' },
      lan: { type: 'boolean' },
      'student-host': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

/** True for addresses only this machine can reach (127.0.0.0/8, ::1, localhost). */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host) || /^::ffff:127\./.test(host);
}
