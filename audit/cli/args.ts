import { parseArgs } from 'node:util';
import { STRATEGY_NAMES, type StrategyName } from '../../balancer/config.ts';
import { BALANCER_KINDS, type BalancerKind } from '../../cluster/external-balancers/kinds.ts';
import { CatalogueError } from '../../lib/i18n/catalogue-error.ts';
import { isLang, type Lang } from '../../lib/i18n/index.ts';
import {
  AUDIT_DEFAULT_THRESHOLDS,
  parseThresholdOptions,
  THRESHOLD_FLAGS,
  type Threshold,
  ThresholdError,
} from '../../scenarios/ci/index.ts';
import type { ThresholdFlagValues } from '../../scenarios/ci/options.ts';

export interface AuditFlags {
  help: boolean;
  profile?: string;
  replicas: number;
  strategy: StrategyName;
  balancer: BalancerKind;
  quick: boolean;
  lang?: Lang;
  out?: string;
  json: boolean;
  readyTimeoutSeconds: number;
  /** `--threshold`, `--thresholds FILE`, `--no-default-thresholds` parsed (default: forgeries.accepted == 0). */
  thresholds: Threshold[];
  junit?: string;
  listFigures: boolean;
}

/** A flag the user must fix (exit 2); `key` names the message so it prints in the user's language. */
export class AuditUsageError extends CatalogueError {
  override name = 'AuditUsageError';
}

function choice<T extends string>(
  flag: string,
  text: string | undefined,
  choices: readonly T[],
  fallback: T,
): T {
  if (text === undefined) return fallback;
  if ((choices as readonly string[]).includes(text)) return text as T;
  throw new AuditUsageError('audit.cli.error.flag', { flag, what: choices.join(' | '), text });
}

function whole(flag: string, text: string | undefined, min: number, max: number, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text.replace(/s$/, ''));
  if (!/^\d+s?$/.test(text) || value < min || value > max) {
    throw new AuditUsageError('audit.cli.error.flag', { flag, what: `a whole number ${min}-${max}`, text });
  }
  return value;
}

/** The threshold flags through the shared CI parser; its errors become usage errors (exit 2). */
function thresholdsOf(values: Record<string, unknown>): Threshold[] {
  try {
    return parseThresholdOptions(values as ThresholdFlagValues, { defaults: AUDIT_DEFAULT_THRESHOLDS });
  } catch (error) {
    if (error instanceof ThresholdError) throw new AuditUsageError(error.key, error.params);
    throw error;
  }
}

/** Parses `npm run audit` flags strictly: an unknown flag or a bad value is an AuditUsageError. */
export function parseAuditArgs(argv: string[]): AuditFlags {
  let values: Record<string, string | string[] | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      allowPositionals: false,
      options: {
        help: { type: 'boolean', short: 'h' },
        profile: { type: 'string' },
        replicas: { type: 'string' },
        strategy: { type: 'string' },
        balancer: { type: 'string' },
        quick: { type: 'boolean' },
        lang: { type: 'string' },
        out: { type: 'string' },
        json: { type: 'boolean' },
        'ready-timeout': { type: 'string' },
        ...THRESHOLD_FLAGS,
      },
    }));
  } catch (error) {
    const text = /'([^']+)'/.exec((error as Error).message)?.[1] ?? (error as Error).message;
    throw new AuditUsageError('audit.cli.error.unknown-flag', { text });
  }
  const str = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const lang = str('lang');
  if (lang !== undefined && !isLang(lang))
    throw new AuditUsageError('audit.cli.error.flag', { flag: 'lang', what: 'en | ko', text: lang });
  const flags: AuditFlags = {
    help: values.help === true,
    replicas: whole('replicas', str('replicas'), 1, 16, 3),
    strategy: choice('strategy', str('strategy'), STRATEGY_NAMES, 'round-robin'),
    balancer: choice('balancer', str('balancer'), BALANCER_KINDS, 'builtin'),
    quick: values.quick === true,
    json: values.json === true,
    readyTimeoutSeconds: whole('ready-timeout', str('ready-timeout'), 1, 600, 60),
    thresholds: thresholdsOf(values),
    listFigures: values['list-figures'] === true,
    ...(str('junit') !== undefined && { junit: str('junit')! }),
    ...(lang !== undefined && { lang }),
    ...(str('profile') !== undefined && { profile: str('profile')! }),
    ...(str('out') !== undefined && { out: str('out')! }),
  };
  if (!flags.help && !flags.listFigures && flags.profile === undefined)
    throw new AuditUsageError('audit.cli.error.no-profile');
  return flags;
}

/** The language asked for on the command line, even when the rest of it is wrong. */
export function langOfArgv(argv: string[]): Lang | undefined {
  const at = argv.findIndex((arg) => arg === '--lang' || arg.startsWith('--lang='));
  const value = at < 0 ? undefined : argv[at]!.includes('=') ? argv[at]!.split('=')[1] : argv[at + 1];
  return isLang(value) ? value : undefined;
}
