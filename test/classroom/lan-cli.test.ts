import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../lib/free-port.ts';
import { waitFor } from '../../lib/wait-for.ts';

/**
 * `npm run classroom -- --student-host ADDR` as a teacher runs it (a real process): the join line
 * is printed, the balancer and /join answer on ADDR (here 127.0.0.2, a loopback address standing
 * for the LAN) and only there, the console stays on 127.0.0.1. Bad flags exit 2.
 */
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
let child: ChildProcess | undefined;

afterEach(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child.kill('SIGINT');
    await exited;
  }
  child = undefined;
});

function run(args: string[]): { output: () => string; exit: Promise<number | null> } {
  let output = '';
  child = spawn(TSX, ['classroom/main.ts', ...args], { cwd: ROOT, env: { ...process.env, LANG: 'C' } });
  child.stdout!.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exit = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
  return { output: () => output, exit };
}

describe('npm run classroom -- --student-host', () => {
  it('puts the balancer and /join on the students address only and says so', async () => {
    const [port, balancerPort] = [await freePort(), await freePort()];
    const started = run([
      '--student-host',
      '127.0.0.2',
      '--port',
      String(port),
      '--balancer-port',
      String(balancerPort),
    ]);
    const joinUrl = `http://127.0.0.2:${balancerPort}/join`;
    await waitFor(() => started.output().includes(`Students join at ${joinUrl}`), {
      timeoutMs: 90_000,
      intervalMs: 200,
      what: `the join line (output so far: ${started.output()})`,
    });
    expect(started.output()).toContain('listen on 127.0.0.2');
    const page = await request(joinUrl);
    expect(page.statusCode).toBe(200);
    await page.body.text();
    await expect(request(`http://127.0.0.1:${balancerPort}/join`)).rejects.toThrow();
    const state = (await (await request(`http://127.0.0.1:${port}/api/state`)).body.json()) as {
      join: { url: string };
      balancerUrl: string;
    };
    expect(state.join.url).toBe(joinUrl);
    expect(state.balancerUrl).toBe(`http://127.0.0.2:${balancerPort}`);
  }, 120_000);

  it('refuses a wildcard students address with exit 2', async () => {
    const started = run(['--student-host', '0.0.0.0']);
    expect(await started.exit).toBe(2);
    expect(started.output()).toContain("--student-host expects this machine's address");
  }, 60_000);
});
