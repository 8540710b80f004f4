import { type ChildProcess, spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { HealthChecker } from '../../balancer/health.ts';
import type { Target } from '../../balancer/target.ts';
import { waitFor } from '../../lib/wait-for.ts';

/**
 * The balancer's active checks on a starved balancer: the target answers within 50 ms, in its own
 * process, while the balancer's own event loop is blocked past the probe's timeout. The answer is
 * waiting in the socket when the balancer runs again, so the probe must pass (before, the timeout
 * ran first and a starved balancer marked healthy nodes down). A target that never answers must
 * still fail.
 */
const ANSWERS_SOON = `require('node:http').createServer((q, s) => { process.stdout.write('asked\\n'); setTimeout(() => s.end('ok'), 50); })
  .listen(0, '127.0.0.1', function () { process.stdout.write(this.address().port + '\\n'); });`;
const NEVER_ANSWERS = `require('node:http').createServer(() => process.stdout.write('asked\\n'))
  .listen(0, '127.0.0.1', function () { process.stdout.write(this.address().port + '\\n'); });`;

const children: ChildProcess[] = [];
let checker: HealthChecker | undefined;

afterEach(() => {
  checker?.stop();
  checker = undefined;
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

/**
 * A target in its own process. The first time it says it was asked, this process stops running for
 * `starveMs` — inside an I/O callback, as when the OS does not schedule the balancer: Node then
 * runs its due timers before it reads the sockets again.
 */
async function serve(script: string, starveMs = 0): Promise<number> {
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  let out = '';
  let starved = false;
  child.stdout!.on('data', (chunk) => {
    out += chunk;
    if (starveMs > 0 && !starved && out.includes('asked')) {
      starved = true;
      blockEventLoop(starveMs);
    }
  });
  await waitFor(() => out.includes('\n'), { timeoutMs: 10_000, what: 'the target process listening' });
  return Number(out.split('\n')[0]);
}

/** The checker's view of one target: only the calls it makes, counted. */
function countingTarget(port: number) {
  const results = { passed: 0, failed: 0 };
  const target = {
    index: 0,
    host: '127.0.0.1',
    port,
    checkPassed: () => results.passed++,
    checkFailed: () => results.failed++,
    learnNodeId: () => {},
  };
  return { target: target as unknown as Target, results };
}

function blockEventLoop(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // Busy: the balancer process is not scheduled (as on a machine at load 50).
  }
}

describe('active health checks on a starved balancer', () => {
  it('passes a target whose answer arrived while the balancer could not run', async () => {
    const timeoutMs = 200;
    // The balancer stops running once its request has arrived, until the timeout is long past;
    // the target answers 50 ms later, so the answer waits in the socket.
    const { target, results } = countingTarget(await serve(ANSWERS_SOON, 3 * timeoutMs));
    checker = new HealthChecker([target], 60_000, timeoutMs);
    checker.start(); // the first probe goes out now
    await waitFor(() => results.passed + results.failed > 0, { timeoutMs: 5000, what: 'the verdict' });
    expect(results).toEqual({ passed: 1, failed: 0 });
  });

  it('still fails a target that never answers, no sooner than the timeout', async () => {
    const { target, results } = countingTarget(await serve(NEVER_ANSWERS));
    const timeoutMs = 150;
    checker = new HealthChecker([target], 60_000, timeoutMs);
    const started = performance.now();
    checker.start();
    await waitFor(() => results.passed + results.failed > 0, { timeoutMs: 5000, what: 'the verdict' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(timeoutMs);
    expect(results).toEqual({ passed: 0, failed: 1 });
  });

  it('fails a target that never answers even after the balancer was starved', async () => {
    const timeoutMs = 100;
    const { target, results } = countingTarget(await serve(NEVER_ANSWERS, 4 * timeoutMs));
    checker = new HealthChecker([target], 60_000, timeoutMs);
    checker.start();
    await waitFor(() => results.passed + results.failed > 0, { timeoutMs: 5000, what: 'the verdict' });
    expect(results).toEqual({ passed: 0, failed: 1 });
  });
});
