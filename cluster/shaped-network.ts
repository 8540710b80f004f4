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
}

export interface NetworkFigures {
  kind: 'loopback' | 'shaped';
  links?: { store?: LinkRtt; client?: LinkRtt };
}

export interface RelayProcess {
  readonly port: number;
  readonly process: ManagedProcess;
}

export async function startRelayProcess(
  name: string,
  targetPort: number,
  rttMs: number,
  jitterMs: number,
  own: (proc: ManagedProcess) => void,
): Promise<RelayProcess> {
  const args = [...tsEntryArgs(join(ROOT, 'cluster/relay-main.ts')), '--target', `127.0.0.1:${targetPort}`];
  args.push('--rtt', `${rttMs}ms`, '--jitter', `${jitterMs}ms`);
  const proc = spawnManaged(name, process.execPath, args, { cwd: ROOT });
  own(proc);
  const deadline = Date.now() + 30_000;
  for (;;) {
    const port = /relay listening on (\d+)/.exec(proc.output())?.[1];
    if (port) return { port: Number(port), process: proc };
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
): Promise<LinkRtt> {
  const probe = kind === 'store' ? REDIS_PING : HTTP_HEAD;
  const direct = await measureRtt(targetPort, probe, 9);
  const rtt = await measureRtt(relayPort, probe, 9);
  return {
    configuredRttMs,
    measuredRttMs: rtt.medianMs,
    directRttMs: direct.medianMs,
    measuredRangeMs: [rtt.minMs, rtt.maxMs],
  };
}
