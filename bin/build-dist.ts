import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { BUNDLE_OPTIONS, ROOT } from '../cluster/entrypoints.ts';

/**
 * `npm pack`'s prepack step: bundles the `authscale` bin and the processes the launcher spawns
 * into dist/ (flat: entrypoints.ts finds node.mjs, balancer.mjs and floor.mjs beside the bin). Node
 * does not strip types inside node_modules, so the installed package must run plain JS; its
 * dependencies stay external and are installed with it.
 */
const outdir = join(ROOT, 'dist');
rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: ROOT,
  entryPoints: {
    authscale: 'bin/authscale.ts',
    node: 'nodes/main.ts',
    balancer: 'balancer/main.ts',
    floor: 'scenarios/load/floor/server.ts',
  },
  outdir,
  ...BUNDLE_OPTIONS,
  logLevel: 'warning',
});
process.stdout.write(`built ${outdir}/{authscale,node,balancer,floor}.mjs\n`);
