import { describe, expect, it } from 'vitest';
import { parseCommand, UsageError } from '../../../scenarios/cli/args.ts';
import { curlExamples } from '../../../scenarios/cli/cluster-command.ts';

describe('cli arguments', () => {
  it('parses every flag', () => {
    const command = parseCommand([
      'demo',
      '--modes',
      'memory,jwt',
      '--nodes',
      '4',
      '--users',
      '7',
      '--requests',
      '9',
      '--duration',
      '3s',
      '--quick',
      '--out',
      '/tmp/x',
      '--json',
      '--strategy',
      'sticky',
      '--redis',
      'sentinel',
    ]);
    expect(command).toEqual({
      kind: 'demo',
      flags: {
        modes: ['memory', 'jwt'],
        nodes: 4,
        users: 7,
        requests: 9,
        durationSeconds: 3,
        quick: true,
        out: '/tmp/x',
        json: true,
        strategy: 'sticky',
        redis: 'sentinel',
      },
    });
    expect(parseCommand(['scenario', 'relogin', '--target', 'http://localhost:8080/'])).toEqual({
      kind: 'scenario',
      name: 'relogin',
      flags: { quick: false, json: false, target: 'http://localhost:8080' },
    });
    expect(parseCommand(['cluster', '--mode', 'redis'])).toMatchObject({
      kind: 'cluster',
      flags: { modes: ['redis'] },
    });
  });

  it('rejects bad input with one line', () => {
    const bad = [
      ['demo', '--bogus'],
      ['demo', '--nodes', '0'],
      ['demo', '--nodes', 'three'],
      ['demo', '--modes', 'memory,ldap'],
      ['demo', '--strategy', 'random'],
      ['demo', '--duration', 'soon'],
      ['demo', '--target', 'ftp://x'],
      ['scenario'],
      ['scenario', 'nope'],
      ['cluster', '--modes', 'memory,jwt'],
      ['frobnicate'],
    ];
    for (const argv of bad) {
      let error: unknown;
      try {
        parseCommand(argv);
      } catch (caught) {
        error = caught;
      }
      expect(error, argv.join(' ')).toBeInstanceOf(UsageError);
      expect((error as Error).message, argv.join(' ')).not.toContain('\n');
    }
  });

  it('curl examples use the cookie jar or the bearer token', () => {
    expect(curlExamples('http://127.0.0.1:8080', 'memory').join('\n')).toContain('-b /tmp/authscale.jar');
    expect(curlExamples('http://127.0.0.1:8080', 'jwt').join('\n')).toContain('Authorization: Bearer $TOKEN');
  });
});
