/** Words shared by the terminal, the reports and the classroom console. */
export const common = {
  'common.mode.memory': 'in-memory sessions',
  'common.mode.redis': 'Redis sessions',
  'common.mode.jwt': 'stateless JWT',
  'common.mode.jwt-redis': 'JWT + Redis state',
  'common.measured': 'measured',
  'common.derived': 'derived from a setting',
  'common.skipped': 'skipped: {reason}',
} as const;
