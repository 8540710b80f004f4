/** The node settings a credential window is bounded by. */
export type LifetimeSetting =
  | 'ACCESS_TOKEN_TTL'
  | 'REFRESH_TOKEN_TTL'
  | 'SESSION_IDLE_TTL'
  | 'SESSION_ABSOLUTE_TTL';

/**
 * What stopped a stolen credential (a stable id; the report's catalogue turns it into words):
 * - `logout`: the server deleted the session / revoked the family at the victim's logout;
 * - `denylist`: the access token's jti was denylisted at logout (jwt-redis);
 * - `access-expiry` / `refresh-expiry`: only the token's own `exp` (nothing on the server can);
 * - `idle-expiry`: the session's idle timeout on the server (nobody used the copy meanwhile);
 * - `absolute-expiry`: the session's absolute timeout (a thief who keeps using it keeps it alive
 *   until then, e.g. after a memory + round-robin logout that reached another node);
 * - `reuse-detection`: the victim's next refresh presented a rotated-away token, so the whole
 *   refresh family (the thief's copy included) was revoked (jwt-redis);
 * - `never-worked`: the copy was rejected from the first request;
 * - `not-stopped`: it still worked when the bounded observation ended (seconds is a lower bound).
 */
export type StopReason =
  | 'logout'
  | 'denylist'
  | 'access-expiry'
  | 'refresh-expiry'
  | 'idle-expiry'
  | 'absolute-expiry'
  | 'reuse-detection'
  | 'never-worked'
  | 'not-stopped';

/**
 * How long a stolen credential kept working. `seconds` is observed by replaying it every ~250 ms
 * until it fails (measured: true), on a cluster whose lifetimes are short (see
 * RevocationResult.settings). `production` is the same window under the node's default setting:
 * derived from the setting, never observed (measured: false); absent when the window does not
 * depend on a lifetime (stopped by logout, reuse detection).
 */
export interface CredentialWindow {
  seconds: number;
  /** false only when the window could not be observed and is taken from the setting instead. */
  measured: boolean;
  stoppedBy: StopReason;
  /** The 401 code that ended it (ERR_SESSION_UNKNOWN, ERR_TOKEN_EXPIRED, ERR_REFRESH_REUSED…). */
  code?: string;
  /** The short setting this run used that bounds the window, when one does. */
  runSetting?: { name: LifetimeSetting; seconds: number };
  /** The window at the production (default) setting: derived, not measured. */
  production?: { seconds: number; setting: LifetimeSetting; measured: false };
}

export interface LifetimeSettings {
  accessTokenTtl: number;
  refreshTokenTtl: number;
  sessionIdleTtl: number;
  sessionAbsoluteTtl: number;
}

export interface RevocationResult {
  /** Seconds the stolen copy kept working after the victim's logout (= afterLogout.seconds). */
  afterLogoutSeconds: number;
  /** Seconds a stolen copy works while the victim never logs out (= stolenAccess.seconds). */
  stolenWorksSeconds: number;
  /** English one-liner kept for older readers; renderers use the StopReason ids below. */
  stoppedBy: string;
  /** The stolen access credential (cookie or access token) replayed after the victim's logout. */
  afterLogout: CredentialWindow;
  /**
   * The stolen access credential while the victim stays logged in and never logs out: the longest
   * delay after the theft at which a first replay of the copy still works. Sessions: each delay is
   * tried on its own session (a replay renews the idle timeout), so this is the idle expiry;
   * tokens: the copy is replayed every ~250 ms until it expires.
   */
  stolenAccess: CredentialWindow;
  /**
   * jwt modes: the stolen refresh cookie used to mint new access tokens. jwt: until the refresh
   * token's own expiry; jwt-redis: until the victim's next refresh triggers reuse detection.
   */
  stolenRefresh?: CredentialWindow & {
    /** Access tokens the thief minted with it during the window. */
    accessTokensMinted: number;
    /** jwt-redis: seconds after the theft at which the victim refreshed (what ended it). */
    victimRefreshedAt?: number;
  };
  /**
   * The short lifetimes (seconds) this scenario's own cluster ran with (under --target: what the
   * target revealed, e.g. the access token's expiresIn; 0 when unknown).
   */
  settings: LifetimeSettings;
  /** The node defaults (seconds) the windows scale to. */
  productionSettings: LifetimeSettings;
  /** Seconds of clock tolerance the nodes allow past a token's exp (tokens work that much longer). */
  clockToleranceSeconds: number;
  refresh?: { rotated: boolean; reuseDetected: boolean; familyRevoked: boolean };
}
