/**
 * The audit's two failure kinds, told apart by their exit code: a profile or flag the user must
 * fix (2), or a run that could not be completed (1: the app never got ready, a login failed).
 * `key` and `params` name a message in the catalogues, so the CLI prints it in the user's language.
 */
export type AuditErrorCode =
  | 'usage'
  | 'profile-invalid'
  | 'profile-unreadable'
  | 'env-missing'
  | 'app-not-ready'
  | 'app-exited'
  | 'login-failed'
  | 'balancer-unavailable'
  | 'interrupted';

export class AuditError extends Error {
  readonly code: AuditErrorCode;
  readonly exitCode: 1 | 2;

  constructor(code: AuditErrorCode, message: string) {
    super(message);
    this.name = 'AuditError';
    this.code = code;
    this.exitCode = code === 'usage' || code.startsWith('profile') || code === 'env-missing' ? 2 : 1;
  }
}
