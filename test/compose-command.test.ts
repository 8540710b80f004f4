import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCommand } from '../scenarios/cli/args.ts';
import { interpolate, ROOT, readCompose, serviceEnv } from './helpers/compose.ts';

/**
 * The scenarios service's command, run through a real `sh -c` exactly as the container would (with
 * the environment compose gives it and a stand-in `npm` that prints its arguments), then parsed by
 * the CLI's own argument parser: quoting, `$$` escapes, SCENARIO_FLAGS and the flags all checked.
 */

const compose = readCompose();
const service = compose.services.scenarios!;
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
};
const stubDir = mkdtempSync(join(tmpdir(), 'authscale-npm-stub-'));
writeFileSync(join(stubDir, 'npm'), '#!/bin/sh\nprintf "%s\\n" "$@"\n');
chmodSync(join(stubDir, 'npm'), 0o755);

afterAll(() => rmSync(stubDir, { recursive: true, force: true }));

/** What the CLI receives in the container for these compose variables. */
function cliArgv(vars: Record<string, string>): string[] {
  const command = service.command as string[];
  // Compose interpolates the command with the host's variables ($$ → $), the shell does the rest.
  const [shell, flag, script] = command.map((part) => interpolate(part, vars));
  expect([shell, flag]).toEqual(['sh', '-c']);
  const env = { PATH: `${stubDir}:${process.env.PATH}`, ...serviceEnv(service, vars) };
  const result = spawnSync(shell!, [flag!, script!], { env, encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
  const npmArgs = result.stdout.split('\n').filter((line) => line !== '');
  // npm run demo -- ARGS runs the package.json script with ARGS appended.
  expect(npmArgs.slice(0, 3)).toEqual(['run', 'demo', '--']);
  const scriptWords = pkg.scripts.demo!.split(' ');
  expect(scriptWords.slice(0, 2)).toEqual(['tsx', 'scenarios/cli.ts']);
  return [...scriptWords.slice(2), ...npmArgs.slice(3)];
}

describe('docker-compose.yml scenarios command', () => {
  it('runs the demo against the balancer, writing a per-mode report into the mounted ./reports', () => {
    const argv = cliArgv({ AUTH_MODE: 'jwt' });
    const command = parseCommand(argv);
    expect(command.kind).toBe('demo');
    if (command.kind !== 'demo') return;
    expect(command.flags.target).toBe('http://balancer:8080');
    expect(command.flags.out).toMatch(/^\/app\/reports\/docker-jwt-\d{8}T\d{6}Z$/);
    expect(command.flags.quick).toBe(false);
  });

  it('defaults to memory and passes SCENARIO_FLAGS through as separate flags', () => {
    const argv = cliArgv({ SCENARIO_FLAGS: '--quick --users 5' });
    const command = parseCommand(argv);
    if (command.kind !== 'demo') throw new Error(`expected demo, got ${command.kind}`);
    expect(command.flags.out).toMatch(/docker-memory-/);
    expect(command.flags.quick).toBe(true);
    expect(command.flags.users).toBe(5);
  });
});
