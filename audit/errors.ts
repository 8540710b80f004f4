import { type MessageKey, type Params, translator } from '../lib/i18n/index.ts';

/**
 * The audit's two failure kinds, told apart by their exit code: a profile or flag the user must
 * fix (2), or a run that could not be completed (1: the app never got ready, a login failed).
 * Each line names a message in the catalogues, so the CLI prints it in the user's language;
 * `message` is the English text (for logs and API users).
 */
export type AuditErrorCode =
  | 'profile-invalid'
  | 'profile-unreadable'
  | 'env-missing'
  | 'app-not-ready'
  | 'app-exited'
  | 'login-failed'
  | 'balancer-unavailable'
  | 'interrupted';

export interface AuditLine {
  key: MessageKey;
  params?: Params;
}

const english = translator('en');

export class AuditError extends Error {
  readonly code: AuditErrorCode;
  readonly exitCode: 1 | 2;
  readonly lines: AuditLine[];

  constructor(code: AuditErrorCode, lines: AuditLine | AuditLine[]) {
    const list = Array.isArray(lines) ? lines : [lines];
    super(list.map((line) => english(line.key, line.params)).join('\n'));
    this.name = 'AuditError';
    this.code = code;
    this.lines = list;
    this.exitCode = code.startsWith('profile') || code === 'env-missing' ? 2 : 1;
  }

  /** The error in `lang`'s words, one line per problem. */
  describe(t: (key: MessageKey, params?: Params) => string): string {
    return this.lines.map((line) => t(line.key, line.params)).join('\n');
  }
}
