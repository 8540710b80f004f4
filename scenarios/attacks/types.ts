/** Stable ids of the attack cases (the report's catalogue says what each one tries). */
export const ATTACK_IDS = [
  // jwt modes
  'alg-none',
  'signature-stripped',
  'payload-tampered',
  'wrong-key',
  'alg-confusion',
  'garbage-token',
  'oversized-token',
  'refresh-as-access',
  'expired-token',
  'wrong-typ-aud',
  // session modes
  'random-sid',
  'unsigned-sid',
  'sid-signature-tampered',
  'sid-wrong-key',
  'empty-sid',
  'signed-unknown-sid',
  'session-fixation',
] as const;

export type AttackId = (typeof ATTACK_IDS)[number];

export interface AttackCase {
  id: AttackId;
  /** English label (JSON readers); renderers use `id`. */
  name: string;
  status: number;
  code?: string;
  rejected: boolean;
  /**
   * What `rejected` means for this case: `status-401` (every node answered 401) or
   * `id-not-adopted` (session fixation: the login succeeded with 200 but issued a new session id;
   * the planted one was not adopted).
   */
  rejectedMeans: 'status-401' | 'id-not-adopted';
}

export interface AttacksResult {
  tried: number;
  rejected: number;
  cases: AttackCase[];
}
