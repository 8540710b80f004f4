import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseNodeConfig } from '../../../nodes/config.ts';
import { ROOT } from '../../helpers/compose.ts';
import { parseEnvFile } from '../../helpers/k8s-kustomize.ts';
import { find, K8S, renderAll, TEST_SECRETS } from '../../helpers/k8s-manifests.ts';
import { secretData } from '../../helpers/k8s-objects.ts';

/** No secret value in the repository: the Secret comes from a file the user makes with one documented line. */

/** The one-liner needs openssl (part of every machine image here; a bare system may lack it). */
const hasOpenssl = spawnSync('openssl', ['version']).status === 0;

const scratch = mkdtempSync(join(tmpdir(), 'authscale-k8s-secrets-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/** The documented one-liner (a `printf … > k8s/base/secrets.env` line) as written in `text`. */
function oneLiner(text: string): string {
  const line = text.split('\n').find((l) => /printf .*> k8s\/base\/secrets\.env\s*$/.test(l));
  if (!line) throw new Error('no secrets.env one-liner');
  return line.replace(/^\s*#\s*/, '').trim();
}

describe('k8s/ secrets', () => {
  it('keeps no Secret object and no secret literal in the repository', () => {
    for (const file of filesUnder(K8S).filter((f) => /\.ya?ml$/.test(f))) {
      const text = readFileSync(file, 'utf8');
      const where = relative(ROOT, file);
      expect(text, where).not.toMatch(/^kind:\s*Secret\b/m);
      expect(text, where).not.toMatch(/\bstringData:/);
      const kustomization = file.endsWith('kustomization.yaml')
        ? (parse(text) as Record<string, unknown>)
        : {};
      for (const generator of (kustomization.secretGenerator ?? []) as Record<string, unknown>[]) {
        expect(Object.keys(generator).sort(), where).toEqual(['envs', 'name', 'options']);
        expect(generator.envs).toEqual(['secrets.env']);
      }
    }
  });

  it.skipIf(!hasOpenssl)(
    'documents one one-liner (docs/kubernetes.md and beside the generator) that makes a usable file',
    () => {
      const documented = oneLiner(readFileSync(join(ROOT, 'docs', 'kubernetes.md'), 'utf8'));
      const beside = oneLiner(readFileSync(join(K8S, 'base', 'kustomization.yaml'), 'utf8'));
      expect(documented).toBe(beside);
      const made: Record<string, string>[] = [];
      for (const name of ['a.env', 'b.env']) {
        const target = join(scratch, name);
        const run = spawnSync('sh', ['-c', documented.replace('k8s/base/secrets.env', target)], {
          encoding: 'utf8',
        });
        expect(run.status, run.stderr).toBe(0);
        const entries = parseEnvFile(readFileSync(target, 'utf8'), target);
        expect(entries.map(([key]) => key)).toEqual(['AUTH_SECRET', 'ADMIN_TOKEN']);
        made.push(Object.fromEntries(entries));
      }
      // Random each time, and the node accepts them as they come out of the file.
      expect(made[0]!.AUTH_SECRET).not.toBe(made[1]!.AUTH_SECRET);
      const config = parseNodeConfig({
        AUTH_SECRET: made[0]!.AUTH_SECRET,
        ADMIN_TOKEN: made[0]!.ADMIN_TOKEN,
      });
      expect(config.authSecret).toBe(made[0]!.AUTH_SECRET);
      expect(config.adminToken).toBe(made[0]!.ADMIN_TOKEN);
    },
  );

  it('fills the Secret from that file only', () => {
    const secret = find(renderAll().overlays.redis, 'Secret', 'authscale-secrets')!;
    expect(secretData(secret)).toEqual(TEST_SECRETS);
  });
});
