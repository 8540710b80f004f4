import { describe, expect, it } from 'vitest';
import { isAlive } from '../../../cluster/processes.ts';
import { startCluster } from '../../../cluster/start-cluster.ts';
import { waitFor } from '../../../lib/wait-for.ts';
import { parseCommand, UsageError } from '../../../scenarios/cli/args.ts';
import {
  chooseClientAddresses,
  MAX_SOURCE_ADDRESSES,
  sourceAddress,
} from '../../../scenarios/client/source-addresses.ts';
import { measureRelogin } from '../../../scenarios/relogin/run.ts';

describe('client source addresses', () => {
  it('gives every user slot its own 127.1.x.y address, then shares them', () => {
    const addresses = Array.from({ length: MAX_SOURCE_ADDRESSES }, (_, i) => sourceAddress(i));
    expect(new Set(addresses).size).toBe(MAX_SOURCE_ADDRESSES);
    expect(addresses[0]).toBe('127.1.0.1');
    expect(addresses[254]).toBe('127.1.1.1');
    for (const address of addresses)
      expect(address).toMatch(/^127\.1\.\d{1,2}\.([1-9]\d?|1\d\d|2[0-4]\d|25[0-4])$/);
    expect(sourceAddress(MAX_SOURCE_ADDRESSES)).toBe(addresses[0]);
  });

  it('defaults to many on Linux with a local cluster, and says why it is one otherwise', () => {
    expect(chooseClientAddresses(undefined, undefined, 'linux')).toEqual({ kind: 'many' });
    expect(chooseClientAddresses(undefined, 'http://127.0.0.1:8080', 'linux')).toEqual({ kind: 'many' });
    expect(chooseClientAddresses('one', undefined, 'linux')).toEqual({ kind: 'one' });
    expect(chooseClientAddresses('many', undefined, 'darwin')).toEqual({ kind: 'one', reason: 'platform' });
    expect(chooseClientAddresses(undefined, 'http://lb.example:80', 'linux')).toEqual({
      kind: 'one',
      reason: 'remote-target',
    });
  });

  it('--client-addresses many|one, anything else is a usage error', () => {
    expect(parseCommand(['demo', '--client-addresses', 'one'])).toMatchObject({
      flags: { clientAddresses: 'one' },
    });
    expect(() => parseCommand(['demo', '--client-addresses', 'some'])).toThrow(UsageError);
  });
});

describe.skipIf(process.platform !== 'linux')(
  'ip-hash behind a client relay, users from many addresses',
  () => {
    it('spreads users over the nodes with 0 % failures (memory sessions), and one address pins them all', async () => {
      // Memory sessions: a user whose requests left its node would get 401s, so 0 failures means
      // every user stayed on the node its address hashes to — also through the latency relay.
      const cluster = await startCluster({
        mode: 'memory',
        nodes: 3,
        strategy: 'ip-hash',
        network: { storeRttMs: 0, clientRttMs: 2 },
        // No node fails here: a slow health period keeps a starved machine's late probes from
        // ejecting a live node (which would move its users: node-failure's subject, not this one).
        healthInterval: '5s',
      });
      const pids = cluster.pids();
      try {
        const ctx = {
          url: cluster.url,
          mode: 'memory' as const,
          strategy: 'ip-hash' as const,
          nodes: 3,
          cpuMicros: async () => ({}),
        };
        const many = await measureRelogin(ctx, { users: 24, requests: 4, clientAddresses: 'many' });
        expect(many.loginFailures).toBe(0);
        expect(many.clientAddresses).toBe(24);
        expect(many.failures).toBe(0);
        expect(Object.keys(many.usersByNode ?? {}).length).toBeGreaterThanOrEqual(2);
        expect(Object.values(many.usersByNode ?? {}).reduce((a, b) => a + b, 0)).toBe(24);

        const one = await measureRelogin(ctx, {
          users: 12,
          requests: 4,
          clientAddresses: 'one',
          userOffset: 100,
        });
        expect(one.clientAddresses).toBe(1);
        expect(one.failures).toBe(0);
        expect(Object.values(one.usersByNode ?? {})).toEqual([12]);
      } finally {
        await cluster.close();
      }
      await waitFor(() => pids.every((pid) => !isAlive(pid)), {
        timeoutMs: 10_000,
        what: 'every process to exit',
      });
    }, 120_000);
  },
);
