import type { soak as en } from '../en/soak.ts';

export const soak: Record<keyof typeof en, string> = {
  'soak.usage':
    '사용법: npm run soak -- --minutes N --mode memory|redis|jwt|jwt-redis [--rate R] [--nodes N] [--json] [--lang en|ko]',
  'soak.badFlag': '잘못되었거나 알 수 없는 옵션입니다: {flag}',
  'soak.starting':
    '장시간 부하 시험: {mode} 모드, {minutes}분, 초당 {rate}개 요청, 노드 {nodes}개 ({strategy})',
  'soak.progress': '{total}초 중 {elapsed}초 경과',
  'soak.col.process': '프로세스',
  'soak.col.metric': '항목',
  'soak.col.first': '처음',
  'soak.col.last': '마지막',
  'soak.col.slope': '분당 증가량',
  'soak.col.threshold': '분당 허용 한도',
  'soak.col.verdict': '판정',
  'soak.metric.rssBytes': 'RSS',
  'soak.metric.heapBytes': '힙',
  'soak.metric.fds': '파일 디스크립터',
  'soak.metric.sockets': '열린 소켓',
  'soak.verdict.ok': '정상',
  'soak.verdict.growing': '계속 증가함',
  'soak.verdict.too-short': '판정하기에 너무 짧음',
  'soak.summary':
    '측정값: 요청 {sent}개 ({statuses}), 건너뛴 틱 {skipped}개 (클라이언트가 뒤처짐); 워밍업 {warmup}초는 제외했습니다; {interval}초마다 표본을 얻었습니다; 기울기는 워밍업 이후의 최소제곱 기울기입니다; 노드 힙은 사용 중인 V8 힙, Redis 힙은 used_memory입니다; 부하 평균 {before} → {after}, 코어 {cores}개',
  'soak.informational': '({verdict}; 판정은 모든 노드의 합계로 합니다)',
  'soak.gone': '{name} 프로세스가 실행 중에 종료되었습니다',
  'soak.result.ok': '계속 증가하는 프로세스가 없습니다',
  'soak.result.growing': '계속 증가하는 항목이 있습니다: "계속 증가함"으로 표시된 행을 보십시오',
  'soak.result.too-short':
    '실행 시간이 너무 짧아 증가 여부를 판정할 수 없습니다 (워밍업 이후 최소 1분이 필요합니다)',
};
