import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseNodeConfig } from '../../nodes/config.ts';
import { TEST_SECRETS } from './k8s-manifests.ts';

/**
 * Does the node read `AUTH_SECRET_FILE` yet (docs/configuration.md; it was added after the manifests)? Asked of
 * the parser itself, so the tests switch to the real thing the moment it lands.
 */
export const nodeConfigReadsFile = (() => {
  const dir = mkdtempSync(join(tmpdir(), 'authscale-k8s-probe-'));
  try {
    const file = join(dir, 'secret');
    writeFileSync(file, TEST_SECRETS.AUTH_SECRET);
    return parseNodeConfig({ AUTH_SECRET_FILE: file }).authSecret === TEST_SECRETS.AUTH_SECRET;
  } catch {
    return false;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
})();
