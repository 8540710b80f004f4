import { Agent } from 'undici';
import type { StrategyName } from '../balancer/config.ts';
import type { BalancerKind } from '../cluster/external-balancers/kinds.ts';
import { tail } from '../cluster/processes.ts';
import { watchMachine } from '../scenarios/core/machine.ts';
import { type Front, startFront } from './app/front.ts';
import { givenReplicas, launchReplicas, type StartedReplica, stopReplicas } from './app/launch.ts';
import { replay } from './client/user.ts';
import type { AuditContext, Replica } from './context.ts';
import { AuditError } from './errors.ts';
import { analyseCredential } from './measure/credential.ts';
import { measureForgeries } from './measure/forgeries.ts';
import { measureLoad } from './measure/load.ts';
import { measureRelogin } from './measure/relogin.ts';
import { measureReplicaFailure } from './measure/replica-failure.ts';
import { measureRevocation } from './measure/revocation.ts';
import { loggedInUsers } from './measure/sessions.ts';
import type { LoadedProfile } from './profile/load-profile.ts';
import type { AuditFindings, AuditReport, ReplicaEvent } from './types.ts';

export type AuditStep =
  | 'start'
  | 'relogin'
  | 'credential'
  | 'forgeries'
  | 'revocation'
  | 'load'
  | 'replica-failure';

export interface AuditOptions {
  profile: LoadedProfile;
  replicas?: number;
  strategy?: StrategyName;
  balancer?: BalancerKind;
  quick?: boolean;
  /** Seconds a copied credential is replayed after logout / theft (default 30 with quick, else 120). */
  windowSeconds?: number;
  /** How long a started replica may take to get ready (default 60 s). */
  readyTimeoutMs?: number;
  /** Called as each step begins (the CLI prints it; the API never does). */
  onStep?: (step: AuditStep) => void;
  /** Aborting stops every replica and rejects with an `interrupted` AuditError. */
  signal?: AbortSignal;
}

function summary(loaded: LoadedProfile): AuditReport['app'] {
  const written = loaded.written;
  return {
    profile: loaded.file.split('/').slice(-2).join('/'),
    started: written.app.command !== undefined ? 'command' : 'targets',
    ...(written.app.command !== undefined && { command: written.app.command }),
    authentication: written.authentication.method,
    loginRequestUrl: written.authentication.loginRequestUrl,
    sessionManagement: written.sessionManagement.method,
    pollUrl: written.verification.pollUrl,
    logoutUrl: written.logout?.url ?? null,
    users: written.users.length,
  };
}

/** Replicas that exit while the audit runs (not the one it kills on purpose), for the report. */
function watchExits(
  replicas: readonly StartedReplica[],
  started: number,
  killed: Set<string>,
): ReplicaEvent[] {
  const events: ReplicaEvent[] = [];
  for (const replica of replicas) {
    void replica.proc.exit.then(({ code, signal }) => {
      if (killed.has(replica.name) || stopping.has(replica.proc.pid)) return;
      events.push({
        replica: replica.name,
        atSeconds: Math.round((Date.now() - started) / 100) / 10,
        code,
        signal,
        output: tail(replica.proc).trim(),
      });
    });
  }
  return events;
}
const stopping = new Set<number>();

/**
 * A pollUrl that looks logged in without any credential would make every forgery "accepted" and
 * every session "kept": refuse the profile (exit 2) before measuring anything.
 */
async function checkVerification(context: AuditContext): Promise<void> {
  const anonymous = await replay(context, { kind: 'cookie', headers: {}, cookies: [] }, context.balancerUrl);
  if (anonymous.loggedIn) {
    const params = { poll: context.profile.verification.pollUrl, status: anonymous.status };
    throw new AuditError('profile-invalid', { key: 'audit.error.poll-open', params });
  }
}

async function measureAll(
  context: AuditContext,
  started: StartedReplica[] | undefined,
  step: (s: AuditStep) => void,
  killed: Set<string>,
): Promise<AuditFindings> {
  await checkVerification(context);
  step('relogin');
  const relogin = await measureRelogin(context);
  step('credential');
  const credential = analyseCredential((await loggedInUsers(context, 1))[0]!);
  step('forgeries');
  const forgeries = await measureForgeries(context);
  step('revocation');
  const { logout, theft } = await measureRevocation(context);
  step('load');
  const load = await measureLoad(
    context,
    started?.map((replica) => replica.proc.pid),
  );
  const findings: AuditFindings = { relogin, credential, logout, theft, forgeries, load };
  if (!started) return { ...findings, replicaFailure: { skipped: true, reason: 'targets' } };
  if (started.length < 2) return { ...findings, replicaFailure: { skipped: true, reason: 'one-replica' } };
  step('replica-failure');
  killed.add(started[1]!.name);
  return { ...findings, replicaFailure: await measureReplicaFailure(context, started) };
}

/** A promise that rejects with an `interrupted` AuditError when `signal` aborts (never otherwise). */
function whenAborted(signal: AbortSignal | undefined): Promise<never> {
  const interrupted = new Promise<never>((_, reject) => {
    const fail = () => reject(new AuditError('interrupted', { key: 'audit.error.interrupted' }));
    if (signal?.aborted) fail();
    signal?.addEventListener('abort', fail, { once: true });
  });
  interrupted.catch(() => {});
  return interrupted;
}

function newAgent(): Agent {
  return new Agent({
    connections: 32,
    keepAliveTimeout: 4000,
    keepAliveMaxTimeout: 4000,
    headersTimeout: 10_000,
    bodyTimeout: 10_000,
  });
}

/** Everything the audit started, stopped in reverse order; safe to call with parts missing. */
async function stopAll(front: Front | undefined, started: StartedReplica[] | undefined, agent: Agent) {
  await front?.close().catch(() => undefined);
  if (started) {
    for (const replica of started) stopping.add(replica.proc.pid);
    await stopReplicas(started);
  }
  await agent.close().catch(() => undefined);
}

/**
 * The audit of a user's own app: starts N replicas from the profile (or takes the running ones),
 * puts a balancer in front, measures, stops everything it started, and returns the report data.
 * Never prints. Errors are AuditErrors (exit code 2 for the profile, 1 for the run); an aborted
 * `signal` ends whatever step is under way at once.
 */
export async function runAudit(options: AuditOptions): Promise<AuditReport> {
  const { profile: loaded } = options;
  const app = loaded.profile.app;
  const strategy = options.strategy ?? 'round-robin';
  const balancer = options.balancer ?? 'builtin';
  const startedAt = new Date();
  const machine = watchMachine();
  const killed = new Set<string>();
  const interrupted = whenAborted(options.signal);
  const orStop = <T>(work: Promise<T>) => Promise.race([work, interrupted]);
  const agent = newAgent();
  let started: StartedReplica[] | undefined;
  let front: Front | undefined;
  try {
    options.onStep?.('start');
    if (!app.targets) {
      const launching = launchReplicas(loaded, {
        replicas: options.replicas ?? 3,
        readyTimeoutMs: options.readyTimeoutMs ?? 60_000,
      });
      // Interrupted while starting: the replicas still get stopped once the launcher settles.
      launching.then(
        (replicas) => (options.signal?.aborted ? stopReplicas(replicas) : undefined),
        () => undefined,
      );
      started = await orStop(launching);
    }
    const replicas: Replica[] = started ?? givenReplicas(app.targets ?? []);
    const exits = started ? watchExits(started, Date.now(), killed) : [];
    front = await orStop(startFront(balancer, strategy, replicas, app.ready));
    const context: AuditContext = {
      profile: loaded.profile,
      balancerUrl: front.url,
      replicas: replicas.map(({ name, url, address }) => ({ name, url, address })),
      agent,
      quick: options.quick ?? false,
      windowSeconds: options.windowSeconds ?? (options.quick ? 30 : 120),
      balancerCookies: front.cookies,
      appSecrets: Object.values(app.env ?? {}).filter((value) => value.length >= 8),
    };
    const audit = await orStop(measureAll(context, started, options.onStep ?? (() => {}), killed));
    return {
      kind: 'audit',
      app: summary(loaded),
      replicas: replicas.length,
      strategy,
      balancer,
      quick: context.quick,
      replicaExits: exits,
      notes: started ? [] : ['targets'],
      audit,
      startedAt: startedAt.toISOString(),
      durationSeconds: Math.round((Date.now() - startedAt.getTime()) / 100) / 10,
      machine: machine.finish(),
    };
  } finally {
    machine.finish();
    await stopAll(front, started, agent);
  }
}
