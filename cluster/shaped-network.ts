import { join } from 'node:path';
import { tsEntryArgs } from '../lib/ts-entry.ts';
import { ROOT } from './entrypoints.ts';
import { type ManagedProcess, spawnManaged, tail } from './processes.ts';
import { HTTP_HEAD, measureRtt, REDIS_PING } from './rtt-probe.ts';

/**
 * `--network shaped`: a latency relay (cluster/relay-main.ts, its own process: its CPU is never a
 * node's) on the node↔store link and on the client↔balancer link, each adding the configured
 * round-trip time. Everything stays on loopback. The RTT each link really has is measured once the
 * cluster is up (median of a few PINGs / HEAD requests through the relay) and reported beside the
 * setting, as report.json `network.links.{store,client}.{configuredRttMs,measuredRttMs}`.
 */
export interface ShapedNetworkOptions {
  storeRttMs: number;
  clientRttMs: number;
  /** ± ms on each chunk's one-way delay (uniform), on both shaped links. Default 0. */
  jitterMs?: number;
}

export interface LinkRtt {
  configuredRttMs: number;
  /** Median through the relay (the configured delay plus what the far end takes to answer). */
  measuredRttMs: number;
  /** The same probe straight to the far end: measured − direct is what the relay added. */
  directRttMs: number;
  /** min–max of the probes behind the median. */
  measuredRangeMs: [number, number];
  /** With jitter: the ± ms set on each one-way delay. */
  configuredJitterMs?: number;
  /**
   * With jitter: the median absolute deviation of the RTT that a uniform ±j on both one-way delays
   * gives (their sum is triangular on ±2j), (2 − √2)·j — derived from the setting, not observed.
   */
  expectedRttMadMs?: number;
  /** With jitter: the median absolute deviation of the probes through the relay and straight. */
  measuredRttMadMs?: number;
  directRttMadMs?: number;
}

export interface NetworkFigures {
  kind: 'loopback' | 'shaped';
  links?: { store?: LinkRtt; client?: LinkRtt };
}

export interface RelayProcess {
  readonly port: number;
  /** The port it relays to. */
  readonly targetPort: number;
  readonly process: ManagedProcess;
  /** Started with `control`: hold every byte on the link until heal() (latency-relay.ts). */
  partition(): Promise<void>;
  heal(): Promise<void>;
}

/** Sends a control line and waits for the relay's numbered acknowledgement. */
async function command(proc: ManagedProcess, line: 'partition' | 'heal', seq: number): Promise<void> {
  if (!proc.child.stdin) throw new Error(`${proc.name} was started without a control channel`);
  proc.child.stdin.write(`${line}\n`);
  const ack = `relay ${line === 'heal' ? 'healed' : 'partitioned'} #${seq}`;
  const deadline = Date.now() + 10_000;
  while (!proc.output().includes(ack)) {
    if (proc.exited) throw new Error(`${proc.name} exited before it could ${line}${tail(proc)}`);
    if (Date.now() > deadline) throw new Error(`${proc.name} did not ${line} within 10 s${tail(proc)}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export async function startRelayProcess(
  name: string,
  targetPort: number,
  rttMs: number,
  jitterMs: number,
  own: (proc: ManagedProcess) => void,
  control = false,
): Promise<RelayProcess> {
  const args = [...tsEntryArgs(join(ROOT, 'cluster/relay-main.ts')), '--target', `127.0.0.1:${targetPort}`];
  args.push('--rtt', `${rttMs}ms`, '--jitter', `${jitterMs}ms`);
  if (control) args.push('--control');
  const proc = spawnManaged(name, process.execPath, args, { cwd: ROOT, stdin: control });
  own(proc);
  let seq = 0;
  const deadline = Date.now() + 30_000;
  for (;;) {
    const port = /relay listening on (\d+)/.exec(proc.output())?.[1];
    if (port) {
      return {
        port: Number(port),
        targetPort,
        process: proc,
        partition: () => command(proc, 'partition', ++seq),
        heal: () => command(proc, 'heal', ++seq),
      };
    }
    if (proc.exited) throw new Error(`${name} exited during start${tail(proc)}`);
    if (Date.now() > deadline) throw new Error(`${name} did not start within 30 s${tail(proc)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function measureLink(
  relayPort: number,
  targetPort: number,
  configuredRttMs: number,
  kind: 'store' | 'client',
  jitterMs = 0,
): Promise<LinkRtt> {
  const probe = kind === 'store' ? REDIS_PING : HTTP_HEAD;
  // A spread needs more samples than a median.
  const samples = jitterMs > 0 ? 31 : 9;
  const direct = await measureRtt(targetPort, probe, samples);
  const rtt = await measureRtt(relayPort, probe, samples);
  return {
    configuredRttMs,
    measuredRttMs: rtt.medianMs,
    directRttMs: direct.medianMs,
    measuredRangeMs: [rtt.minMs, rtt.maxMs],
    ...(jitterMs > 0 && {
      configuredJitterMs: jitterMs,
      expectedRttMadMs: Math.round(jitterMs * (2 - Math.SQRT2) * 100) / 100,
      measuredRttMadMs: rtt.madMs,
      directRttMadMs: direct.madMs,
    }),
  };
}
