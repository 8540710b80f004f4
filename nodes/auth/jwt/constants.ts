/**
 * Fixed JWT parameters of authscale. Issuer/audience pin tokens to this app; the two `typ` values
 * (RFC 9068 for access, a private one for refresh) keep one kind of token from ever being accepted
 * as the other, on top of the two kinds being signed with different derived keys.
 */
export const JWT_ALG = 'HS256';
export const JWT_ISSUER = 'authscale';
export const ACCESS_AUDIENCE = 'authscale-api';
export const REFRESH_AUDIENCE = 'authscale-refresh';
export const ACCESS_TYP = 'at+jwt';
export const REFRESH_TYP = 'rt+jwt';

/** Tokens longer than this are rejected before any base64/JSON parsing (ours are ~300 chars). */
export const MAX_TOKEN_CHARS = 4096;
/** Seconds of clock skew tolerated between nodes for exp/nbf/iat. */
export const CLOCK_TOLERANCE_S = 5;

/** Refresh cookie name and scope: only the /auth routes ever see the refresh token. */
export const REFRESH_COOKIE = 'rt';
export const REFRESH_COOKIE_PATH = '/auth';

/**
 * How long after a rotation the immediate predecessor refresh token is still honoured (Auth0's
 * "reuse interval"): two tabs refreshing at once must not sign the user out.
 */
export const REFRESH_GRACE_MS = 10_000;
