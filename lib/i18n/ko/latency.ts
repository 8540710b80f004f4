import type { latency as en } from '../en/latency.ts';

/** `latency` 시나리오의 낱말: 저장소 왕복이 요청마다 더하는 시간. */
export const latency: Record<keyof typeof en, string> = {
  'report.scenario.latency': '지연 시간',
  'report.claim.latency.title': '저장소 왕복이 요청마다 더하는 시간',
  'report.claim.latency.section': '차이점 3. 확장성',
  'report.claim.latency.quote':
    '세션은 서버에 저장되어 다중 접속자가 있다면 과부하에 걸린다. 과부하를 덜기 위해 서버를 여러대 두는데, 서버가 여러대면 세션을 쓰기가 복잡하다',
  'report.claim.latency.explanation':
    '공유 세션 저장소는 네트워크 건너편에 있습니다. 같은 방식을 노드 하나짜리 클러스터 여러 개에서 실행하되, 클러스터마다 노드↔저장소 링크의 왕복 시간을 다르게 둡니다(사용자 공간 지연 릴레이). 모두 같은 고정 요청률로 회차를 번갈아 측정합니다. 각 지점이 첫 지점보다 더한 지연 시간을 이론값과 비교합니다. 이론값은 요청 하나가 기다리는 저장소 왕복 횟수에 링크에서 잰 왕복 시간을 곱한 값입니다.',
  'latency.col.rtt': '저장소 RTT 설정 → 측정(ms)',
  'latency.col.p50': 'p50 ms',
  'latency.col.p99': 'p99 ms',
  'latency.col.added-p50': '늘어난 p50(ms)',
  'latency.col.added-p99': '늘어난 p99(ms)',
  'latency.col.theory': '이론상 늘어나는 값(ms)',
  'latency.note.how':
    '{run}: GET /api/me 한 번에 저장소 왕복 {trips}번({what}). 지점마다 초당 {rate}건으로 {seconds}초씩, 회차를 번갈아 {rounds}번 측정했습니다. “늘어난 값”은 이 지점에서 첫 지점을 회차끼리 짝지어 뺀 값(중앙값, 최소~최대)이고, 이론값은 왕복 횟수 × (측정한 RTT − 첫 지점의 RTT)입니다.',
  'latency.what.redis': '세션 GET',
  'latency.what.jwt-redis': '액세스 토큰 거부 목록 EXISTS',
  'latency.chart.title': '저장소 링크가 더한 지연 시간(고정 요청률, p50)',
  'latency.chart.x': '설정한 저장소 RTT(ms)',
  'latency.legend.measured': '{run} 늘어난 p50',
};
