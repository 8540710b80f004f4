import { BenchUsageError } from './usage-error.ts';

/**
 * `npm run bench` — auth-mode cost at the node (bench/auth.ts).
 * `npm run bench -- balancer` — balancer vs direct vs bare http-proxy vs nginx (bench/balancer/).
 * `npm run bench -- failover` — acknowledged logins lost per Sentinel failover, async vs WAIT.
 * Each benchmark module exports `run(args): Promise<void>` and prints its own table; a bad
 * argument is one line on stderr and exit 2.
 */
const argv = process.argv.slice(2);
// A leading flag (`npm run bench -- --only redis`) belongs to the default benchmark.
const [name = 'auth', ...args] = argv[0] === undefined || argv[0].startsWith('-') ? ['auth', ...argv] : argv;
const benches: Record<string, () => Promise<{ run(args: string[]): Promise<void> }>> = {
  auth: () => import('./auth.ts'),
  balancer: () => import('./balancer/run.ts'),
  failover: () => import('./failover.ts'),
};
const load = benches[name];
if (!load) {
  process.stderr.write(`unknown benchmark "${name}"; expected one of: ${Object.keys(benches).join(', ')}\n`);
  process.exit(2);
}
try {
  await (await load()).run(args);
} catch (error) {
  if (!(error instanceof BenchUsageError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(2);
}
