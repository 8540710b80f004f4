/** The `authscale` command of the installed package (`npx authscale …`). */
export const bin = {
  'bin.usage': `authscale {version}: see, with measured numbers, how sessions and tokens behave behind a load balancer

usage: npx authscale <command> [flags]

commands:
{commands}

Each command takes the flags of its npm script (authscale demo --quick = npm run demo -- --quick);
authscale <command> --help lists them. Reports go to ./reports/<time>/ unless --out DIR.
  --help                     this text           --version      the package version`,
  'bin.command.demo': 'every mode, every scenario: a summary table and reports',
  'bin.command.scenario': 'one scenario: authscale scenario NAME [flags]',
  'bin.command.cluster': 'start a cluster and keep it running (Ctrl-C stops it)',
  'bin.command.classroom': 'the live classroom console with its own cluster',
  'bin.command.audit': 'audit your own app: authscale audit --profile FILE',
  'bin.no-command': 'no command given',
  'bin.unknown-command': 'unknown command "{text}"; use one of: {commands}',
} as const;
