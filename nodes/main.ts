import { drained } from '../lib/drain.ts';
import { runMain } from '../lib/env.ts';
import { buildNode } from './build-node.ts';
import { parseNodeConfig } from './config.ts';

/** `npm run node`: one app node from the environment (see the env table in the README). */
await runMain(async () => {
  const config = parseNodeConfig(process.env);
  // ALLOW_DEMO_SECRET=1 let a public secret through: say so loudly on every start.
  for (const warning of config.secretWarnings) {
    process.stderr.write(`\n!!! WARNING: ${warning}. Anyone can forge credentials for this node. !!!\n\n`);
  }
  const app = await buildNode(config, { logger: true, onCrash: () => process.exit(1) });
  const url = await app.listen({ host: config.host, port: config.port });
  process.stdout.write(`${config.nodeId} (${config.authMode}) listening on ${url}\n`);

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    // Stop accepting, finish in-flight requests, quit Redis; force-exit if that hangs.
    setTimeout(() => process.exit(1), 5000).unref();
    // close() resolves before requests still in flight are answered: exit only once drained.
    app
      .close()
      .then(() => drained(app.server))
      .then(
        () => process.exit(0),
        (error: unknown) => {
          process.stderr.write(`${config.nodeId}: error during ${signal} shutdown: ${String(error)}\n`);
          process.exit(1);
        },
      );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
});
