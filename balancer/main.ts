import { runMain } from '../lib/env.ts';
import { buildBalancer } from './build-balancer.ts';
import { parseBalancerConfig } from './config.ts';

/** `npm run balancer`: reads env (see config.ts), listens, shuts down on SIGTERM/SIGINT. */
await runMain(async () => {
  const config = parseBalancerConfig(process.env);
  const log = (line: string) => process.stdout.write(`${new Date().toISOString()} ${line}\n`);
  const balancer = buildBalancer(config, { log });
  await new Promise<void>((resolve, reject) => {
    balancer.server.once('error', reject);
    balancer.server.listen(config.port, config.host, () => resolve());
  });
  const address = balancer.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  log(
    `balancer listening on http://${host}:${port} strategy=${config.strategy} targets=${config.targets.join(',')}`,
  );
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: shutting down`);
    balancer.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
});
