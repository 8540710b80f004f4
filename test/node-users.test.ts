import { describe, expect, it } from 'vitest';
import { isDemoUser, UserDirectory } from '../nodes/users.ts';

describe('demo users', () => {
  it('knows alice, bob, carol and user0001…user9999 only', () => {
    for (const name of ['alice', 'bob', 'carol', 'user0001', 'user0042', 'user9999']) {
      expect(isDemoUser(name), name).toBe(true);
    }
    for (const name of ['user0000', 'user10000', 'user001', 'Alice', 'mallory', '', 'user0042 ']) {
      expect(isDemoUser(name), name).toBe(false);
    }
  });

  it('verifies name-pw passwords, rejects others, hashing lazily and caching', async () => {
    const users = new UserDirectory(1024);
    expect(users.cachedCount).toBe(0); // nothing hashed at start-up
    expect(await users.verify('user0042', 'user0042-pw')).toBe(true);
    expect(await users.verify('user0042', 'user0043-pw')).toBe(false);
    expect(await users.verify('alice', '')).toBe(false);
    expect(await users.verify('nobody', 'nobody-pw')).toBe(false);
    expect(users.cachedCount).toBe(2); // user0042 and alice, never the unknown name
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

describe('login timing', () => {
  it('unknown users cost about as much as known ones (a real scrypt against a dummy hash)', async () => {
    const users = new UserDirectory(8192);
    await users.verify('alice', 'warm-up'); // first use derives alice's stored hash
    await users.verify('nobody', 'warm-up'); // and the dummy hash
    const time = async (name: string) => {
      const started = process.hrtime.bigint();
      await users.verify(name, 'wrong-password');
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 5; i++) {
      known.push(await time('alice'));
      unknown.push(await time('nobody'));
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[2]!;
    // Generous bounds (shared 2-core machine): the point is "same order", not a benchmark. Without
    // the dummy hash, an unknown name would answer ~1000x faster.
    expect(median(unknown)).toBeGreaterThan(median(known) / 4);
    expect(median(known)).toBeGreaterThan(median(unknown) / 4);
  });
});
