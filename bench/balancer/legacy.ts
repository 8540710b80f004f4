import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The balancer as it was on http-proxy (193 µs of CPU per request), run from git history. */
export const LEGACY_COMMIT = '5de2d7a';
export const LEGACY_ROW = `authscale balancer before (http-proxy, ${LEGACY_COMMIT})`;
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Inside the repository so its imports resolve to our node_modules (ignored by git). */
export const LEGACY_DIR = join(ROOT, '.bench-legacy');

/**
 * Extracts the http-proxy balancer (and the lib/ it imports) from git history; the path of its
 * main.ts, or undefined (with the reason on stderr) without git or that commit.
 */
export function extractLegacyBalancer(): string | undefined {
  rmSync(LEGACY_DIR, { recursive: true, force: true });
  const archive = spawnSync(
    'sh',
    [
      '-c',
      `mkdir -p "${LEGACY_DIR}" && git -C "${ROOT}" archive ${LEGACY_COMMIT} balancer lib | tar -x -C "${LEGACY_DIR}"`,
    ],
    { encoding: 'utf8' },
  );
  if (archive.status === 0) return join(LEGACY_DIR, 'balancer', 'main.ts');
  rmSync(LEGACY_DIR, { recursive: true, force: true });
  process.stderr.write(`legacy balancer: git archive ${LEGACY_COMMIT} failed, row skipped\n`);
  return undefined;
}

export function removeLegacyBalancer(): void {
  rmSync(LEGACY_DIR, { recursive: true, force: true });
}
