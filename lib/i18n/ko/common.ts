import type { common as en } from '../en/common.ts';

export const common: Record<keyof typeof en, string> = {
  'common.mode.memory': '메모리 세션',
  'common.mode.redis': 'Redis 세션',
  'common.mode.jwt': '무상태(stateless) JWT',
  'common.mode.jwt-redis': 'JWT + Redis 상태',
  'common.measured': '측정값',
  'common.derived': '설정값에서 계산한 값',
  'common.skipped': '건너뜀: {reason}',
};
