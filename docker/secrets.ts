import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * For the one-shot `secrets` service of docker-compose.yml: on first start, writes a random AUTH_SECRET and
 * ADMIN_TOKEN into the secrets volume; later starts keep them (sessions and tokens survive a
 * restart). The nodes read them through AUTH_SECRET_FILE / ADMIN_TOKEN_FILE; `docker compose
 * down -v` throws them away. Files are 0440 (owner `node`, group `node`): the nodes run as `node`,
 * the scenarios runner gets group `node` through `group_add`. The values are never printed.
 */
export const SECRET_FILES = ['auth-secret', 'admin-token'] as const;

/** Creates `file` with a fresh random value unless a non-empty one exists. Returns true if created. */
export function ensureSecret(dir: string, file: string): boolean {
  const path = join(dir, file);
  if (existsSync(path) && readFileSync(path, 'utf8').trim() !== '') return false;
  // Written aside, then linked into place: a crash never leaves a half-written secret, and two
  // concurrent inits cannot both win (link fails on an existing name).
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, randomBytes(32).toString('base64url'), { mode: 0o440, flag: 'wx' });
  try {
    rmSync(path, { force: true });
    linkSync(temp, path);
  } finally {
    rmSync(temp, { force: true });
  }
  return true;
}
