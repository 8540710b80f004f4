import { createHash } from 'node:crypto';

/**
 * Secrets anyone can read: values that were ever written down in this repository (compose defaults,
 * examples, benches, tests — git history keeps them forever). A node must not run with one of them
 * (an outside review found that the old compose default AUTH_SECRET let anyone sign a JWT for
 * any user; docs/security.md). They are kept as
 * SHA-256 digests so the list itself does not publish them again; add new ones with
 * `printf %s 'value' | sha256sum`.
 */
const PUBLIC_SECRET_DIGESTS: ReadonlyMap<string, string> = new Map([
  [
    '92c45ff98929d00e9571645fc555a71fdee854c0e6bf54bc4f6ce8198948465b',
    'the old docker-compose.yml AUTH_SECRET default',
  ],
  [
    '7365fb791cd885b33793a8e32ceaf858ffaf640569212d4a856640d5d9ef35dc',
    'the old docker-compose.yml ADMIN_TOKEN default',
  ],
  ['a3aa74b68243576ec5db660cd1290f66b19f35444805e5fb1ca7c9d32e4d672d', 'an old benchmark secret'],
  ['ccf030c6ae1efd0fc26e3ab4978e5393dfaea6820792f58975b2fa31015530a3', 'an old test secret'],
  ['4edb325b27a0a0d0fac26a59140b3e6083ff5276ad827473bc5e65a24c68b984', 'an old test secret'],
  ['97f695beedd8f0c82b3a7e279c8e432f2cd9cbbafe205221862d903b200ed86b', 'an old test secret'],
  ['e89c3acd9a256cc507eb91a7eb958e07a6ee213fcd364cfcef09420831c2a3e1', 'an old test secret'],
  ['ca8d40e6ce4716b552f1c69863335b502f2afb57ffae171d6675fd56d91ca5b2', 'an old test admin token'],
  ['603b6398c3b163031d9d90f547d20101850d20973f57e2c016345dd18bfd91f0', 'an old test admin token'],
]);

/** Words that mark a placeholder someone forgot to replace. */
const PLACEHOLDER_MARKERS = [
  'changeme',
  'change-me',
  'change_me',
  'replaceme',
  'replace-me',
  'not-for-production',
];
/** Fewer distinct characters than this is not a random value (a 32-byte random base64 has ~25). */
const MIN_DISTINCT_CHARS = 8;

/** Why `value` is a publicly known or obviously weak secret, or undefined when it is neither. */
export function publicOrWeakReason(value: string): string | undefined {
  const digest = createHash('sha256').update(value).digest('hex');
  const known = PUBLIC_SECRET_DIGESTS.get(digest);
  if (known !== undefined) return `it is ${known}, published in the repository`;
  const lower = value.toLowerCase();
  const marker = PLACEHOLDER_MARKERS.find((word) => lower.includes(word));
  if (marker !== undefined) return `it contains the placeholder "${marker}"`;
  if (new Set(value).size < MIN_DISTINCT_CHARS) {
    return `it has fewer than ${MIN_DISTINCT_CHARS} distinct characters`;
  }
  if (/^(.{1,8}?)\1+$/s.test(value)) return 'it is one short piece repeated';
  return undefined;
}
