import { createHash, createHmac, scrypt, timingSafeEqual } from 'node:crypto';
import { HashGate } from './login/hash-gate.ts';

/**
 * The demo user directory: alice, bob, carol and user0001…user9999, password = name + "-pw" (a
 * demo convention stated in docs/configuration.md). Only scrypt hashes are kept, never clear text.
 *
 * The salt of each user is derived deterministically (HMAC of the name under a fixed, public
 * label) so every node of a cluster computes the same stored hash without sharing state. It is a
 * demo shortcut: a real system stores a random salt per user next to the hash.
 *
 * Equal timing (docs/security.md): EVERY check costs exactly one scrypt — a known user's first try, a
 * known user's later tries and an unknown name alike — so the time of a failed login says nothing
 * about whether the name exists. A real directory reads the stored hash from its database; here a
 * user's stored hash is a pure function of the demo rule, scrypt(name + "-pw", salt(name)). So the
 * one scrypt of the presented password IS the stored hash whenever the presented password follows
 * the rule (compared in constant time), and cannot equal it otherwise: a first login never needs a
 * second derivation (which made a never-seen user cost two hashes against an unknown name's one:
 * 101 vs 53 ms). Hashes of successful logins are kept, as a real directory keeps them.
 */
const SALT_LABEL = 'authscale demo user salt v1';
const KEY_LENGTH = 32;
const BLOCK_SIZE = 8;
const NAMED_USERS = new Set(['alice', 'bob', 'carol']);
const NUMBERED_USER = /^user(\d{4})$/;

export function isDemoUser(name: string): boolean {
  if (NAMED_USERS.has(name)) return true;
  const match = NUMBERED_USER.exec(name);
  return match !== null && match[1] !== '0000';
}

function saltFor(name: string): Buffer {
  return createHmac('sha256', SALT_LABEL).update(name).digest().subarray(0, 16);
}

const digest = (text: string) => createHash('sha256').update(text).digest();

export class UserDirectory {
  private readonly hashes = new Map<string, Buffer>();
  /** What an unknown name's hash is compared with: never equal (a hash is never all zeros). */
  private readonly noSuchHash = Buffer.alloc(KEY_LENGTH);
  private hashCount = 0;

  /** `gate` bounds concurrent hashes (throws ERR_LOGIN_BUSY when its queue is full); default unbounded. */
  private readonly cost: number;
  private readonly gate: HashGate;

  constructor(cost: number, gate: HashGate = new HashGate(0)) {
    this.cost = cost;
    this.gate = gate;
  }

  private hash(password: string, salt: Buffer): Promise<Buffer> {
    // Async scrypt runs on the libuv pool (through the gate) and never blocks the event loop. maxmem must cover
    // 128 * N * r bytes (Node's default 32 MiB is too small above N = 2^15).
    const maxmem = 256 * this.cost * BLOCK_SIZE + 1024 * 1024;
    return this.gate.run(() => {
      this.hashCount++;
      return new Promise<Buffer>((resolve, reject) => {
        scrypt(password, salt, KEY_LENGTH, { N: this.cost, r: BLOCK_SIZE, p: 1, maxmem }, (error, key) =>
          error ? reject(error) : resolve(key),
        );
      });
    });
  }

  /** True when `password` is the user's. One scrypt on every path (see above). */
  async verify(name: string, password: string): Promise<boolean> {
    const known = isDemoUser(name);
    const presented = await this.hash(password, saltFor(name));
    if (!known) {
      timingSafeEqual(this.noSuchHash, presented);
      return false;
    }
    const stored = this.hashes.get(name);
    if (stored !== undefined) return timingSafeEqual(stored, presented);
    // Never-seen user: the presented hash is the stored one exactly when the password follows the
    // demo rule (digests: equal lengths for timingSafeEqual, nothing leaked about the length).
    if (!timingSafeEqual(digest(password), digest(`${name}-pw`))) return false;
    this.hashes.set(name, presented);
    return true;
  }

  /** Stored hashes derived so far (for tests: start-up must not hash 10k users). */
  get cachedCount(): number {
    return this.hashes.size;
  }

  /** scrypt derivations so far (for tests: one per check, whatever the path). */
  get hashesComputed(): number {
    return this.hashCount;
  }
}
