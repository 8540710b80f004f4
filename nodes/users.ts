import { createHmac, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * The demo user directory: alice, bob, carol and user0001…user9999, password = name + "-pw" (a
 * demo convention stated in the README). Only scrypt hashes are kept, never clear text, and they
 * are derived lazily on first use and cached, so start-up hashes nothing.
 *
 * The salt of each user is derived deterministically (HMAC of the name under a fixed, public
 * label) so every node of a cluster computes the same stored hash without sharing state. It is a
 * demo shortcut: a real system stores a random salt per user next to the hash.
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

export class UserDirectory {
  private readonly hashes = new Map<string, Buffer>();
  private dummyHash: Promise<Buffer> | undefined;
  private readonly dummySalt = saltFor('\u0000dummy');

  constructor(private readonly cost: number) {}

  private hash(password: string, salt: Buffer): Promise<Buffer> {
    // Async scrypt runs on the libuv pool and never blocks the event loop. maxmem must cover
    // 128 * N * r bytes (Node's default 32 MiB is too small above N = 2^15).
    const maxmem = 256 * this.cost * BLOCK_SIZE + 1024 * 1024;
    return new Promise((resolve, reject) => {
      scrypt(password, salt, KEY_LENGTH, { N: this.cost, r: BLOCK_SIZE, p: 1, maxmem }, (error, key) =>
        error ? reject(error) : resolve(key),
      );
    });
  }

  private storedHash(name: string): Buffer | Promise<Buffer> {
    const cached = this.hashes.get(name);
    if (cached) return cached;
    return this.hash(`${name}-pw`, saltFor(name)).then((key) => {
      this.hashes.set(name, key);
      return key;
    });
  }

  /**
   * True when `password` is the user's. Unknown users are checked against a dummy hash of the same
   * cost, so the answer takes about as long whether or not the name exists. On a user's first
   * login the stored hash is derived in parallel with the presented one (two pool threads), so the
   * wall time stays close to one hash.
   */
  async verify(name: string, password: string): Promise<boolean> {
    if (!isDemoUser(name)) {
      this.dummyHash ??= this.hash('\u0000no such user', this.dummySalt);
      const [expected, presented] = await Promise.all([this.dummyHash, this.hash(password, this.dummySalt)]);
      timingSafeEqual(expected, presented);
      return false;
    }
    const [expected, presented] = await Promise.all([
      this.storedHash(name),
      this.hash(password, saltFor(name)),
    ]);
    return timingSafeEqual(expected, presented);
  }

  /** Stored hashes derived so far (for tests: start-up must not hash 10k users). */
  get cachedCount(): number {
    return this.hashes.size;
  }
}
