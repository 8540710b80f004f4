import type { Agent, Dispatcher } from 'undici';
import { createAgent } from './http.ts';

/**
 * Where the virtual users' connections come from. `many`: each user (up to MAX_SOURCE_ADDRESSES,
 * then users share them round-robin) connects from its own loopback address 127.1.x.y, so the
 * balancer's ip-hash and its per-address connection cap see one client per user, as behind a real
 * network. `one`: every user from 127.0.0.1, as one NAT (all of ip-hash lands on one node).
 */
export type ClientAddressKind = 'many' | 'one';

export interface ClientAddresses {
  kind: ClientAddressKind;
  /** Why `one` without being asked: the platform binds only 127.0.0.1, or the target is elsewhere. */
  reason?: 'platform' | 'remote-target';
}

/** Distinct source addresses at most: beyond it users share (a bounded number of pools). */
export const MAX_SOURCE_ADDRESSES = 1024;

/**
 * Linux routes the whole of 127.0.0.0/8 to the loopback interface, so a socket can bind any of
 * those addresses without configuration; macOS and Windows only have 127.0.0.1 unless an alias is
 * added, so there the default is one address.
 */
export function canBindManyLoopbackAddresses(platform: NodeJS.Platform = process.platform): boolean {
  return platform === 'linux';
}

/**
 * What the demo and scenarios use: `requested` (`--client-addresses`), by default many where they
 * can work — the platform binds 127/8 and the cluster is on this machine (a loopback source
 * address cannot reach another host, so `--target` elsewhere gets one address).
 */
export function chooseClientAddresses(
  requested: ClientAddressKind | undefined,
  target?: string,
  platform: NodeJS.Platform = process.platform,
): ClientAddresses {
  if (requested === 'one') return { kind: 'one' };
  if (!canBindManyLoopbackAddresses(platform)) {
    return { kind: 'one', reason: 'platform' };
  }
  if (target !== undefined && !isLoopbackUrl(target)) {
    return { kind: 'one', reason: 'remote-target' };
  }
  return { kind: 'many' };
}

function isLoopbackUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return host === 'localhost' || /^127\./.test(host);
  } catch {
    return false;
  }
}

/** The source address of user slot `slot` (0-based): 127.1.0.1, 127.1.0.2, … 127.1.0.254, 127.1.1.1, … */
export function sourceAddress(slot: number): string {
  const index = slot % MAX_SOURCE_ADDRESSES;
  return `127.1.${Math.floor(index / 254)}.${(index % 254) + 1}`;
}

/**
 * Hands each virtual user the agent it connects through. With `one` address every user shares a
 * single keep-alive agent of `connections`; with `many`, user `i` gets an agent bound to
 * sourceAddress(i) with a small pool of its own (a browser opens a few connections, not 64).
 */
export class UserAgents {
  private readonly shared: Agent | undefined;
  private readonly perAddress = new Map<number, Agent>();

  readonly addresses: ClientAddressKind;
  private readonly perUserConnections: number;

  constructor(addresses: ClientAddressKind, connections: number, perUserConnections = 2) {
    this.addresses = addresses;
    this.perUserConnections = perUserConnections;
    if (addresses === 'one') this.shared = createAgent(connections);
  }

  /** The agent of user `index` (0-based within the scenario). */
  for(index: number): Dispatcher {
    if (this.shared) return this.shared;
    const slot = index % MAX_SOURCE_ADDRESSES;
    let agent = this.perAddress.get(slot);
    if (!agent) {
      agent = createAgent(this.perUserConnections, sourceAddress(slot));
      this.perAddress.set(slot, agent);
    }
    return agent;
  }

  /** Source addresses in use so far (1 with `one`). */
  get addressCount(): number {
    return this.shared ? 1 : this.perAddress.size;
  }

  async close(): Promise<void> {
    const agents = this.shared ? [this.shared] : [...this.perAddress.values()];
    this.perAddress.clear();
    await Promise.all(agents.map((agent) => agent.close()));
  }
}
