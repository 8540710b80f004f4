import { describe, expect, it } from 'vitest';
import type { AuthscaleError } from '../../lib/errors.ts';
import { HashGate } from '../../nodes/login/hash-gate.ts';
import { isDemoUser, UserDirectory } from '../../nodes/users.ts';

describe('demo users', () => {
  it('knows alice, bob, carol and user0001…user9999 only', () => {
    for (const name of ['alice', 'bob', 'carol', 'user0001', 'user0042', 'user9999']) {
      expect(isDemoUser(name), name).toBe(true);
    }
    for (const name of ['user0000', 'user10000', 'user001', 'Alice', 'mallory', '', 'user0042 ']) {
      expect(isDemoUser(name), name).toBe(false);
    }
  });

  it('verifies name-pw passwords, rejects others, keeping hashes of successful logins only', async () => {
    const users = new UserDirectory(1024);
    expect(users.cachedCount).toBe(0); // nothing hashed at start-up
    expect(users.hashesComputed).toBe(0);
    expect(await users.verify('user0042', 'user0042-pw')).toBe(true);
    expect(await users.verify('user0042', 'user0043-pw')).toBe(false);
    expect(await users.verify('user0042', 'user0042-pw')).toBe(true);
    expect(await users.verify('alice', 'alice-pw ')).toBe(false);
    expect(await users.verify('alice', '')).toBe(false);
    expect(await users.verify('nobody', 'nobody-pw')).toBe(false);
    expect(users.cachedCount).toBe(1); // user0042; never a failed or unknown name
  });

  it('every path costs exactly one scrypt: first try, later tries, unknown names (equal timing)', async () => {
    const users = new UserDirectory(1024);
    const cost = async (name: string, password: string) => {
      const before = users.hashesComputed;
      await users.verify(name, password);
      return users.hashesComputed - before;
    };
    expect(await cost('user0001', 'wrong')).toBe(1); // never seen, wrong password
    expect(await cost('user0002', 'user0002-pw')).toBe(1); // never seen, right password
    expect(await cost('user0002', 'wrong')).toBe(1); // cached, wrong
    expect(await cost('user0002', 'user0002-pw')).toBe(1); // cached, right
    expect(await cost('mallory', 'wrong')).toBe(1); // unknown
  });

  it('the gate bounds concurrent hashes and turns excess away with 503 ERR_LOGIN_BUSY', async () => {
    const gate = new HashGate(1, 2);
    const users = new UserDirectory(4096, gate);
    const attempts = Array.from({ length: 5 }, (_, i) => users.verify(`user000${i + 1}`, 'wrong'));
    expect(gate.load).toEqual({ running: 1, waiting: 2 });
    const outcomes = await Promise.allSettled(attempts);
    expect(outcomes.map((o) => o.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'rejected',
      'rejected',
    ]);
    const busy = (outcomes[3] as PromiseRejectedResult).reason as AuthscaleError;
    expect([busy.statusCode, busy.code, busy.headers['retry-after']]).toEqual([503, 'ERR_LOGIN_BUSY', '1']);
    expect(gate.load).toEqual({ running: 0, waiting: 0 });
    expect(users.hashesComputed).toBe(3);
  });

  it('two directories (two nodes) agree: salts are deterministic', async () => {
    const [a, b] = [new UserDirectory(1024), new UserDirectory(1024)];
    expect(await a.verify('bob', 'bob-pw')).toBe(true);
    expect(await b.verify('bob', 'bob-pw')).toBe(true);
  });

  it('a high cost works (maxmem is sized for it)', async () => {
    const users = new UserDirectory(32_768);
    expect(await users.verify('carol', 'carol-pw')).toBe(true);
  });
});
