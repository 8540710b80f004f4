import { runScenariosCli } from './cli/run-cli.ts';

/** `npm run demo | scenario | cluster`: the process entry (the package's `authscale` bin shares runScenariosCli). */
try {
  process.exit(await runScenariosCli(process.argv.slice(2)));
} catch (error) {
  process.stderr.write(`authscale: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
