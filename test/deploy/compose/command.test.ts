import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../../scenarios/cli/args.ts';
import { execArgv, ROOT, readCompose } from '../../helpers/compose.ts';

/**
 * The scenarios service's entrypoint and command, exactly as the container gets them (exec form,
 * no shell), parsed by the CLI's own argument parser; flags given to `docker compose run --rm
 * scenarios FLAGS…` replace the (empty) command and land after the entrypoint.
 */

const service = readCompose().services.scenarios!;
/** The Docker page of the docs, where the compose commands are documented. */
const dockerDoc = readFileSync(join(ROOT, 'docs', 'docker.md'), 'utf8');

/** What scenarios/cli.ts receives as process.argv.slice(2) for `run --rm scenarios ...flags`. */
function cliArgv(flags?: string[]): string[] {
  const argv = flags === undefined ? execArgv(service) : [...execArgv({ ...service, command: [] }), ...flags];
  const at = argv.indexOf('scenarios/cli.ts');
  expect(argv.slice(0, at)).toEqual(['node']);
  return argv.slice(at + 1);
}

describe('docker-compose.yml scenarios command', () => {
  it('runs the demo against the balancer, reports in the default directory', () => {
    const command = parseCommand(cliArgv());
    expect(command.kind).toBe('demo');
    if (command.kind !== 'demo') return;
    expect(command.flags.target).toBe('http://balancer:8080');
    expect(command.flags.out).toBeUndefined();
    expect(command.flags.quick).toBe(false);
  });

  it('appends the flags given to `run --rm scenarios` as separate flags', () => {
    const command = parseCommand(cliArgv(['--quick', '--users', '5']));
    if (command.kind !== 'demo') throw new Error(`expected demo, got ${command.kind}`);
    expect(command.flags.target).toBe('http://balancer:8080');
    expect(command.flags.quick).toBe(true);
    expect(command.flags.users).toBe(5);
  });

  it('is documented with a command that returns the suite’s exit status (defect 2)', () => {
    // `up scenarios` alone exits 0 whatever the suite did; `run --rm` or `--exit-code-from` do not.
    const commands = [
      ...dockerDoc.matchAll(/^[ \t]*(?:[A-Z_]+=(?:\$\([^)]*\)|\S+)\s+)*docker compose .*\bscenarios\b.*$/gm),
    ].map((m) => m[0]);
    expect(commands.length).toBeGreaterThan(0);
    for (const line of commands.filter((l) => /\bup\b/.test(l) && !/--profile/.test(l))) {
      expect(line, 'an `up` that runs the suite must pass its exit code on').toMatch(
        /--exit-code-from scenarios/,
      );
    }
    expect(commands.some((line) => /\brun --rm\b.*\bscenarios\b/.test(line))).toBe(true);
  });
});
