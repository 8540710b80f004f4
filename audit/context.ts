import type { Agent } from 'undici';
import type { Profile } from './profile/schema.ts';

/** One replica of the user's app, as the audit addresses it. */
export interface Replica {
  /** `replica-1` … `replica-N`. */
  name: string;
  /** Origin, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** `host:port`, as the balancer names the upstream that answered. */
  address: string;
}

/** What every measurement gets: the profile, the balancer in front, the replicas behind it. */
export interface AuditContext {
  profile: Profile;
  balancerUrl: string;
  replicas: Replica[];
  agent: Agent;
  quick: boolean;
  /** Seconds a copied credential is replayed (logout, theft): 30 with quick, else 120. */
  windowSeconds: number;
  /** Names of cookies the balancer itself sets (the sticky affinity cookie): never the app's credential. */
  balancerCookies: string[];
  /** Resolved `app.env` values: candidate signing keys for the `expired` forgery. */
  appSecrets: string[];
}

/**
 * `replica-N` for the balancer's upstream header: our balancer and nginx name the upstream's
 * address (`127.0.0.1:PORT`), HAProxy its server name (which is `replica-N`: HAProxy 2.6 has no
 * sample fetch for the server's address). Undefined when unknown.
 */
export function replicaName(context: AuditContext, upstream: string | undefined): string | undefined {
  if (upstream === undefined) return undefined;
  return context.replicas.find((replica) => replica.address === upstream || replica.name === upstream)?.name;
}
