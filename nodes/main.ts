import { runMain } from '../lib/env.ts';
import { stopSignals } from '../lib/stop-signals.ts';

/**
 * `npm run node`: one app node. Stop signals are caught first, before the app's modules load
 * (see lib/stop-signals.ts): a node stopped while it is still starting exits 0, not 143.
 */
const { startNode } = await import('./start-node.ts');
await runMain(() => startNode(stopSignals));
