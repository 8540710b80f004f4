import { parseArgs } from 'node:util';
import { STRATEGY_NAMES } from '../../balancer/config.ts';
import { BALANCER_KINDS, type BalancerKind } from '../../cluster/external-balancers/kinds.ts';
import { RUN_MODES, type RunMode } from '../../cluster/run-modes.ts';
import type { ShapedNetworkOptions } from '../../cluster/shaped-network.ts';
import type { FaultKind } from '../../cluster/types.ts';
import { parseDurationSeconds } from '../../lib/duration.ts';
import { CatalogueError } from '../../lib/i18n/catalogue-error.ts';
import { LANGS, type Lang, translator } from '../../lib/i18n/index.ts';
import { type Threshold, ThresholdError } from '../ci/expression.ts';
import { checkThresholdsAgainstPlan, parseThresholdOptions, THRESHOLD_FLAGS } from '../ci/options.ts';
import type { ClientAddressKind } from '../client/source-addresses.ts';
import { resolveOptions } from '../core/options.ts';
import { SCENARIO_NAMES, type ScenarioName, type Strategy } from '../core/types.ts';
import { faultOf, networkOf } from './network-flags.ts';

/**
 * Command-line parsing for scenarios/cli.ts (node:util parseArgs, strict). Every mistake becomes a
 * UsageError with one line naming the flag and what it expects; the CLI prints it and exits 2.
 */
export class UsageError extends CatalogueError {
  override name = 'UsageError';
}

export const STRATEGIES: readonly Strategy[] = STRATEGY_NAMES;

export type Command =
  | { kind: 'help' }
  | { kind: 'list-figures' }
  | { kind: 'demo'; flags: Flags }
  | { kind: 'scenario'; name: ScenarioName; flags: Flags }
  | { kind: 'cluster'; flags: Flags };

export interface Flags {
  modes?: RunMode[];
  nodes?: number;
  users?: number;
  requests?: number;
  durationSeconds?: number;
  quick: boolean;
  /** capacity: add the 1M population. */
  full?: boolean;
  out?: string;
  json: boolean;
  target?: string;
  strategy?: Strategy;
  redis?: 'single' | 'sentinel' | 'cluster';
  /** `--network shaped`: RTTs of the store and client links; undefined: loopback. */
  network?: ShapedNetworkOptions;
  /** `--fault partition`: the failure scenarios cut links instead of stopping processes. */
  fault?: FaultKind;
  /** Which balancer fronts launched clusters (builtin, haproxy, nginx). */
  balancer?: BalancerKind;
  /** `--client-addresses`: users from their own loopback addresses, or all from one. */
  clientAddresses?: ClientAddressKind;
  /** Language of the table and the reports; undefined: from the locale (langFromEnv). */
  lang?: Lang;
  /** CI thresholds (--threshold, --thresholds FILE) checked after the run; exit 99 when one fails. */
  thresholds?: Threshold[];
  /** --junit FILE: JUnit XML, one testcase per threshold. */
  junit?: string;
}

/** The help text in the reader's language (flag names stay as they are typed). */
export function usage(lang: Lang): string {
  // The defaults quoted are the ones runDemo resolves, so the help cannot drift from what runs.
  const full = resolveOptions({});
  const quick = resolveOptions({ quick: true });
  const t = translator(lang);
  return `${t('cli.usage', {
    scenarios: SCENARIO_NAMES.join(', '),
    modes: RUN_MODES.join(','),
    strategies: STRATEGIES.join('|'),
    duration: full.durationSeconds,
    quickDuration: quick.durationSeconds,
    rounds: full.loadRounds,
    quickRounds: quick.loadRounds,
    lang,
  })}${t('ci.usage.flags')}`;
}

/** Thresholds from the flags, checked against what the command will run; mistakes are UsageErrors. */
function thresholdsOf(
  values: ReturnType<typeof parse>['values'],
  plan: { scenarios: readonly ScenarioName[]; modes?: readonly string[] } | undefined,
): Threshold[] {
  try {
    const thresholds = parseThresholdOptions(values);
    if (plan) checkThresholdsAgainstPlan(thresholds, plan);
    return thresholds;
  } catch (error) {
    if (error instanceof ThresholdError) throw new UsageError(error.key, error.params);
    throw error;
  }
}

/** Only present when given, so a command without thresholds parses as it always did. */
function thresholdsFlag(thresholds: Threshold[]): Pick<Flags, 'thresholds'> {
  return thresholds.length > 0 ? { thresholds } : {};
}

/** The scenarios and modes a demo or scenario command will run (for the thresholds' plan check). */
function planOf(command: string | undefined, rest: string[], modes: RunMode[] | undefined) {
  if (command !== undefined && command !== 'demo' && command !== 'scenario') return undefined;
  const name = rest[0];
  const scenarios =
    command === 'scenario'
      ? (SCENARIO_NAMES as readonly string[]).includes(name ?? '')
        ? [name as ScenarioName]
        : undefined
      : SCENARIO_NAMES;
  return scenarios ? { scenarios, modes: modes ?? RUN_MODES } : undefined;
}

function positiveInt(flag: string, text: string | undefined, max = 100_000): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < 1 || value > max) {
    throw new UsageError('cli.error.whole-number', { flag, max, text });
  }
  return value;
}

function choice<T extends string>(
  flag: string,
  text: string | undefined,
  choices: readonly T[],
): T | undefined {
  if (text === undefined) return undefined;
  if (!(choices as readonly string[]).includes(text)) {
    throw new UsageError('cli.error.choice', { flag, choices: choices.join(' | '), text });
  }
  return text as T;
}

function modesOf(flag: string, text: string | undefined): RunMode[] | undefined {
  if (text === undefined) return undefined;
  const modes = text
    .split(',')
    .map((m) => m.trim())
    .filter(Boolean);
  if (modes.length === 0) throw new UsageError('cli.error.list', { flag, example: RUN_MODES.join(',') });
  return [...new Set(modes.map((mode) => choice(flag, mode, RUN_MODES)!))];
}

function targetUrl(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError('cli.error.target-url', { text });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError('cli.error.target-http', { text });
  }
  return url.origin;
}

export function parseCommand(argv: string[]): Command {
  const { values, positionals } = parseOrExplain(argv);
  if (values.help) return { kind: 'help' };
  if (values['list-figures']) return { kind: 'list-figures' };
  const [command, ...rest] = positionals;
  return commandOf(command, rest, flagsOf(values, command, rest));
}

type ParsedValues = ReturnType<typeof parse>['values'];

/** parseArgs, its mistakes turned into a one-line UsageError. */
function parseOrExplain(argv: string[]): ReturnType<typeof parse> {
  try {
    return parse(argv);
  } catch (error) {
    // parseArgs messages are one line already ("Unknown option '--x'…"); keep the first.
    const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
    throw new UsageError('cli.error.parse', {
      message: message.replace(/\. To specify a positional argument.*$/, ''),
    });
  }
}

/** `--duration` in seconds (1 s – 10 min), or undefined when not given. */
function durationOf(text: string | undefined): number | undefined {
  const seconds = text === undefined ? undefined : parseDurationSeconds(text);
  if (text !== undefined && (seconds === undefined || seconds <= 0 || seconds > 600)) {
    throw new UsageError('cli.error.duration', { text });
  }
  return seconds;
}

/** Every flag checked, in the order their mistakes are reported. */
function flagsOf(values: ParsedValues, command: string | undefined, rest: string[]): Flags {
  const modeText = values.modes ?? values.mode;
  const durationSeconds = durationOf(values.duration);
  const modes = modeText !== undefined ? modesOf(values.modes ? 'modes' : 'mode', modeText)! : undefined;
  const flags: Flags = {
    quick: values.quick ?? false,
    ...thresholdsFlag(thresholdsOf(values, planOf(command, rest, modes))),
    ...(values.junit !== undefined && { junit: values.junit }),
    ...(values.full && { full: true }),
    json: values.json ?? false,
    ...(modes !== undefined && { modes }),
    ...(values.nodes !== undefined && { nodes: positiveInt('nodes', values.nodes, 16)! }),
    ...(values.users !== undefined && { users: positiveInt('users', values.users, 9999)! }),
    ...(values.requests !== undefined && { requests: positiveInt('requests', values.requests)! }),
    ...(durationSeconds !== undefined && { durationSeconds }),
    ...(values.out !== undefined && { out: values.out }),
    ...(values.target !== undefined && { target: targetUrl(values.target)! }),
    ...(values.strategy !== undefined && { strategy: choice('strategy', values.strategy, STRATEGIES)! }),
    ...(values.lang !== undefined && { lang: choice('lang', values.lang, LANGS)! }),
    ...(values.balancer !== undefined && { balancer: choice('balancer', values.balancer, BALANCER_KINDS)! }),
    ...(values.redis !== undefined && {
      redis: choice('redis', values.redis, ['single', 'sentinel', 'cluster'] as const)!,
    }),
    ...(values['client-addresses'] !== undefined && {
      clientAddresses: choice('client-addresses', values['client-addresses'], ['many', 'one'] as const)!,
    }),
  };
  const network = networkOf(values, (key, params) => new UsageError(key, params));
  if (network) flags.network = network;
  const fault = faultOf(values, (key, params) => new UsageError(key, params));
  if (fault) flags.fault = fault;
  return flags;
}

/** The command word and its arguments, checked against the flags that go with it. */
function commandOf(command: string | undefined, rest: string[], flags: Flags): Command {
  switch (command) {
    case undefined:
    case 'demo':
      if (rest.length > 0)
        throw new UsageError('cli.error.no-arguments', { command: 'demo', text: rest.join(' ') });
      return { kind: 'demo', flags };
    case 'scenario':
      return { kind: 'scenario', name: scenarioNameOf(rest), flags };
    case 'cluster':
      if (rest.length > 0)
        throw new UsageError('cli.error.no-arguments', { command: 'cluster', text: rest.join(' ') });
      if (flags.target) throw new UsageError('cli.error.cluster-target');
      // Nothing would ever cut the links: the faults belong to the failure scenarios.
      if (flags.fault) throw new UsageError('cli.error.fault-cluster');
      // A cluster runs no scenario, so a threshold could never be checked.
      if (flags.thresholds || flags.junit) throw new UsageError('ci.threshold.error.cluster');
      if (flags.modes && flags.modes.length > 1) throw new UsageError('cli.error.cluster-one-mode');
      return { kind: 'cluster', flags };
    default:
      throw new UsageError('cli.error.unknown-command', { text: command });
  }
}

/** The one scenario name after `scenario`. */
function scenarioNameOf(rest: string[]): ScenarioName {
  const [name, ...extra] = rest;
  if (name === undefined)
    throw new UsageError('cli.error.scenario-name', { names: SCENARIO_NAMES.join(', ') });
  if (!(SCENARIO_NAMES as readonly string[]).includes(name)) {
    throw new UsageError('cli.error.unknown-scenario', { text: name, names: SCENARIO_NAMES.join(', ') });
  }
  if (extra.length > 0) throw new UsageError('cli.error.one-name', { text: rest.join(' ') });
  return name as ScenarioName;
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      modes: { type: 'string' },
      mode: { type: 'string' },
      nodes: { type: 'string' },
      users: { type: 'string' },
      requests: { type: 'string' },
      duration: { type: 'string' },
      quick: { type: 'boolean' },
      full: { type: 'boolean' },
      out: { type: 'string' },
      json: { type: 'boolean' },
      target: { type: 'string' },
      strategy: { type: 'string' },
      redis: { type: 'string' },
      network: { type: 'string' },
      'store-rtt': { type: 'string' },
      'client-rtt': { type: 'string' },
      jitter: { type: 'string' },
      fault: { type: 'string' },
      balancer: { type: 'string' },
      'client-addresses': { type: 'string' },
      lang: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      threshold: THRESHOLD_FLAGS.threshold,
      thresholds: THRESHOLD_FLAGS.thresholds,
      junit: THRESHOLD_FLAGS.junit,
      'list-figures': THRESHOLD_FLAGS['list-figures'],
    },
  });
}
