#!/usr/bin/env node
import { runAuthscale } from './commands.ts';

/** The package's `authscale` bin (built to dist/authscale.mjs by bin/build-dist.ts). */
try {
  process.exit(await runAuthscale(process.argv.slice(2)));
} catch (error) {
  process.stderr.write(`authscale: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
