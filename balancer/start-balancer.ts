import { flushCompileCache } from '../lib/flush-compile-cache.ts';
import type { StopSignals } from '../lib/stop-signals.ts';
import { buildBalancer } from './build-balancer.ts';
import { parseBalancerConfig } from './config.ts';

/** The balancer from the environment (see config.ts), listening until a stop signal. */
export async function startBalancer(stop: StopSignals): Promise<void> {
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
  flushCompileCache();
  stop.onStop((signal) => {
    log(`${signal}: shutting down`);
    balancer.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
