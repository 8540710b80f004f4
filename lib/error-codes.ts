import type { MessageKey } from './i18n/index.ts';

/** Which server answers with a code (a code may come from several). */
export type CodeSource = 'node' | 'balancer' | 'classroom';

export interface ErrorCodeEntry {
  /**
   * The HTTP status that always goes with the code. 0 marks the two labels that are never an HTTP
   * answer: the classroom shows them for a request that got no answer or a change that failed.
   */
  readonly status: number;
  /** Catalogue key (lib/i18n) that explains the code to a reader, in English and Korean. */
  readonly message: MessageKey;
  readonly from: readonly CodeSource[];
}

/**
 * Every error code of authscale, one status each (the contract: docs/configuration.md, "Error
 * codes"). Every error body on the wire is `{ code, message }`; tests assert the code, never the
 * message. Call sites name a code from here (`ErrorCode`), never a free string.
 */
export const ERROR_CODES = {
  ERR_BAD_REQUEST: { status: 400, message: 'error.badRequest', from: ['node', 'balancer', 'classroom'] },
  ERR_UNKNOWN_ACTION: { status: 400, message: 'error.unknownAction', from: ['classroom'] },
  ERR_UNKNOWN_NODE: { status: 400, message: 'error.unknownNode', from: ['classroom'] },
  ERR_BAD_NAME: { status: 400, message: 'error.badName', from: ['classroom'] },
  ERR_NO_CREDENTIALS: { status: 401, message: 'error.noCredentials', from: ['node', 'classroom'] },
  ERR_INVALID_CREDENTIALS: { status: 401, message: 'error.invalidCredentials', from: ['node'] },
  ERR_SESSION_UNKNOWN: { status: 401, message: 'error.sessionUnknown', from: ['node'] },
  ERR_SESSION_EXPIRED: { status: 401, message: 'error.sessionExpired', from: ['node'] },
  ERR_SESSION_INVALID: { status: 401, message: 'error.sessionInvalid', from: ['node'] },
  ERR_TOKEN_INVALID: { status: 401, message: 'error.tokenInvalid', from: ['node'] },
  ERR_TOKEN_EXPIRED: { status: 401, message: 'error.tokenExpired', from: ['node'] },
  ERR_TOKEN_REVOKED: { status: 401, message: 'error.tokenRevoked', from: ['node'] },
  ERR_REFRESH_REUSED: { status: 401, message: 'error.refreshReused', from: ['node'] },
  ERR_UNKNOWN_STUDENT: { status: 401, message: 'error.unknownStudent', from: ['classroom'] },
  ERR_CROSS_SITE: { status: 403, message: 'error.crossSite', from: ['node', 'classroom'] },
  ERR_FORBIDDEN: { status: 403, message: 'error.forbidden', from: ['node', 'balancer', 'classroom'] },
  ERR_NOT_FOUND: { status: 404, message: 'error.notFound', from: ['node', 'balancer', 'classroom'] },
  ERR_METHOD_NOT_ALLOWED: { status: 405, message: 'error.methodNotAllowed', from: ['balancer'] },
  ERR_REQUEST_TIMEOUT: { status: 408, message: 'error.requestTimeout', from: ['node', 'balancer'] },
  ERR_BUSY: { status: 409, message: 'error.busy', from: ['classroom'] },
  ERR_NO_STORE: { status: 409, message: 'error.noStore', from: ['classroom'] },
  ERR_BODY_TOO_LARGE: { status: 413, message: 'error.bodyTooLarge', from: ['node', 'classroom'] },
  ERR_UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    message: 'error.unsupportedMediaType',
    from: ['node', 'classroom'],
  },
  ERR_RATE_LIMITED: { status: 429, message: 'error.rateLimited', from: ['node', 'classroom'] },
  ERR_TOO_MANY_CONNECTIONS: { status: 429, message: 'error.tooManyConnections', from: ['balancer'] },
  ERR_HEADERS_TOO_LARGE: { status: 431, message: 'error.headersTooLarge', from: ['node', 'balancer'] },
  ERR_INTERNAL: { status: 500, message: 'error.internal', from: ['node', 'classroom'] },
  ERR_UPSTREAM_UNAVAILABLE: { status: 502, message: 'error.upstreamUnavailable', from: ['balancer'] },
  ERR_STORE_UNAVAILABLE: { status: 503, message: 'error.storeUnavailable', from: ['node'] },
  ERR_LOGIN_BUSY: { status: 503, message: 'error.loginBusy', from: ['node'] },
  ERR_NO_HEALTHY_UPSTREAM: { status: 503, message: 'error.noHealthyUpstream', from: ['balancer'] },
  ERR_TOO_MANY_EVENT_CLIENTS: { status: 503, message: 'error.tooManyEventClients', from: ['balancer'] },
  ERR_TOO_MANY_CLIENTS: { status: 503, message: 'error.tooManyClients', from: ['classroom'] },
  ERR_CLASS_FULL: { status: 503, message: 'error.classFull', from: ['classroom'] },
  ERR_JOIN_LIMIT: { status: 429, message: 'error.joinLimit', from: ['classroom'] },
  ERR_CLUSTER_RESTARTING: { status: 503, message: 'error.clusterRestarting', from: ['classroom'] },
  ERR_BALANCER_UNREACHABLE: { status: 503, message: 'error.balancerUnreachable', from: ['classroom'] },
  ERR_UPSTREAM_TIMEOUT: { status: 504, message: 'error.upstreamTimeout', from: ['balancer'] },
  ERR_NO_RESPONSE: { status: 0, message: 'error.noResponse', from: ['classroom'] },
  ERR_APPLY_FAILED: { status: 0, message: 'error.applyFailed', from: ['classroom'] },
} as const satisfies Record<`ERR_${string}`, ErrorCodeEntry>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The status that goes with `code`. */
export function statusOf(code: ErrorCode): number {
  return ERROR_CODES[code].status;
}

/** True for a string that is one of the codes (e.g. a `code` read back from a response body). */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CODES, value);
}

/**
 * True when `value` (a `code` read back from an answer, any string) is the registry's `code`. The
 * clients compare through this, not with `=== 'ERR_…'`, so a misspelt code is a type error.
 */
export function isCode(value: string | undefined, code: ErrorCode): boolean {
  return value === code;
}

/** The `{ code, message }` body every error answer carries. */
export function errorBody(code: ErrorCode, message: string): { code: ErrorCode; message: string } {
  return { code, message };
}
