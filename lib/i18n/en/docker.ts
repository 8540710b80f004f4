/** The container plumbing: the compose `secrets` init and the report directory pre-flight check. */
export const docker = {
  'docker.secret.created': 'secrets: created {file} (random, 32 bytes)',
  'docker.secret.kept': 'secrets: kept {file}',
  'docker.reports.notWritable':
    'the report directory {dir} is not writable for uid {uid} gid {gid} ({reason}); nothing was run. ' +
    'With docker compose, run the suite as its owner: HOST_UID=$(id -u) HOST_GID=$(id -g).',
} as const;
