import { describe, expect, it } from 'vitest';
import { parseClassroomArgs, UsageError } from '../../classroom/args.ts';

describe('npm run classroom flags', () => {
  it('defaults to the contract: 127.0.0.1:3000, balancer 8080, memory, 3 nodes, round-robin', () => {
    expect(parseClassroomArgs([], { LANG: 'ko_KR.UTF-8' })).toEqual({
      port: 3000,
      host: '127.0.0.1',
      balancerPort: 8080,
      mode: 'memory',
      nodes: 3,
      strategy: 'round-robin',
      lang: 'ko',
      help: false,
    });
    expect(parseClassroomArgs(['--mode', 'jwt-redis', '--nodes', '8', '--lang', 'en'], {}).mode).toBe(
      'jwt-redis',
    );
  });

  it.each([
    [['--nodes', '9'], /--nodes expects a whole number 1-8, got "9"/],
    [['--port', 'x'], /--port expects a port number/],
    [['--mode', 'ldap'], /--mode expects one of memory \| redis \| jwt \| jwt-redis/],
    [['--strategy', 'random'], /--strategy expects one of/],
    [['--host', 'my laptop'], /--host expects an IP address/],
    [['--port', '8080'], /--port and --balancer-port must differ/],
    [['--colour'], /Unknown option '--colour'/],
  ])('%j is one precise usage error', (argv, message) => {
    expect(() => parseClassroomArgs(argv, {})).toThrow(UsageError);
    expect(() => parseClassroomArgs(argv, {})).toThrow(message);
  });
});
