import { type ErrorCode, statusOf } from './error-codes.ts';

/**
 * The one error type of authscale. `code` is part of the contract (docs/configuration.md, "Error
 * codes"): every error body on the wire is `{ code, message }`, and tests assert the code, never
 * the message. The status comes from the registry (lib/error-codes.ts), so it cannot disagree.
 */
export class AuthscaleError extends Error {
  readonly code: ErrorCode;
  readonly statusCode: number;
  /** Extra response headers, e.g. `Retry-After` on 503 or 429. */
  readonly headers: Record<string, string>;

  constructor(code: ErrorCode, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = 'AuthscaleError';
    this.code = code;
    this.statusCode = statusOf(code);
    this.headers = headers;
  }

  toJSON(): { code: ErrorCode; message: string } {
    return { code: this.code, message: this.message };
  }
}

/** A bad or missing setting; the `main` entry points print `message` as one line and exit 1. */
export class ConfigError extends Error {
  readonly variable: string;

  constructor(variable: string, message: string) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
    this.variable = variable;
  }
}
