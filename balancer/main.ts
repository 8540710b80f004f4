import { runMain } from '../lib/env.ts';
import { stopSignals } from '../lib/stop-signals.ts';

/**
 * `npm run balancer`: reads env (see config.ts), listens, shuts down on SIGTERM/SIGINT. Stop
 * signals are caught before the balancer's modules load (lib/stop-signals.ts): exit 0, not 143.
 */
const { startBalancer } = await import('./start-balancer.ts');
await runMain(() => startBalancer(stopSignals));
