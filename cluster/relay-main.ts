import { createInterface } from 'node:readline';
import { parseDurationSeconds } from '../lib/duration.ts';
import { startLatencyRelay } from './latency-relay.ts';

/**
 * One latency relay as its own process (`node cluster/relay-main.ts --target
 * HOST:PORT --rtt 20ms [--jitter 1ms] [--port N]`), so the CPU it spends is never counted as a
 * node's or the launcher's. Prints `relay listening on PORT` once ready; exits 2 on bad arguments.
 * With `--control`, stdin takes commands, one a line: `partition` and `heal` (latency-relay.ts),
 * each acknowledged with a numbered line (`relay partitioned #1`, `relay healed #2`) so the launcher
 * knows when it holds; stdin closing (the launcher is gone, however it went) ends the relay.
 */
function arg(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? undefined : process.argv[at + 1];
}

function fail(message: string): never {
  process.stderr.write(`relay: ${message}\n`);
  process.exit(2);
}

function ms(name: string, fallback: string): number {
  const text = arg(name) ?? fallback;
  const seconds = parseDurationSeconds(text);
  if (seconds === undefined) fail(`--${name}: expected a duration like 20ms, got "${text}"`);
  return seconds * 1000;
}

const target = /^([^:\s]+):(\d+)$/.exec(arg('target') ?? '');
if (!target || Number(target[2]) > 65_535) fail(`--target: expected host:port, got "${arg('target') ?? ''}"`);
const port = Number(arg('port') ?? 0);
if (!Number.isInteger(port) || port < 0 || port > 65_535)
  fail(`--port: expected 0-65535, got "${arg('port')}"`);
const relay = await startLatencyRelay({
  target: { host: target[1]!, port: Number(target[2]) },
  rttMs: ms('rtt', '0ms'),
  jitterMs: ms('jitter', '0ms'),
  port,
});
process.stdout.write(`relay listening on ${relay.port}\n`);
if (process.argv.includes('--control')) {
  let changes = 0;
  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    const command = line.trim();
    if (command === 'partition') relay.partition();
    else if (command === 'heal') relay.heal();
    else return void process.stderr.write(`relay: unknown command "${command}"\n`);
    process.stdout.write(`relay ${command === 'heal' ? 'healed' : 'partitioned'} #${++changes}\n`);
  });
  lines.once('close', () => void relay.close().then(() => process.exit(0)));
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void relay.close().then(() => process.exit(0)));
}
