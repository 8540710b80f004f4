import type { capacity as en } from '../en/capacity.ts';

/**
 * 상시 비용 시나리오(이슈 14)의 한국어 문구입니다: `capacity`(로그인한 사용자가 가만히 있어도 서버에
 * 드는 비용)와 `lifetimes`(액세스 토큰 유효기간의 비용과 이득). 학습 노트의 주장은 한국어 원문 그대로
 * 인용합니다.
 */
export const capacity: Record<keyof typeof en, string> = {
  'report.scenario.capacity': '세션 용량',
  'report.scenario.lifetimes': '토큰 유효기간',
  'report.claim.capacity.title': '로그인한 사용자가 가만히 있어도 서버에 드는 비용',
  'report.claim.capacity.section': '차이점 3. 확장성',
  'report.claim.capacity.quote': '세션은 서버에 저장되어 다중 접속자가 있다면 과부하에 걸린다.',
  'report.claim.capacity.explanation':
    '방식마다 전용 노드 하나에 살아 있는 세션을 단계별로 채우고, 단계마다 그 세션을 담고 있는 서버 메모리를 읽습니다. 메모리 세션은 노드 힙, Redis 세션과 JWT + Redis의 리프레시 토큰 상태는 Redis 메모리입니다. 무상태 JWT는 서버에 아무것도 두지 않는 대신, 요청마다 더 큰 인증 정보를 보냅니다.',
  'report.claim.lifetimes.title': '토큰 유효기간을 줄이면 드는 비용',
  'report.claim.lifetimes.section': '차이점 2. 안전성',
  'report.claim.lifetimes.quote':
    '유효기간을 짧게 설정해 공격에 노출될 수 있는 시간을 최소화한다. 하지만 너무 짧으면 계속 로그인해야되서 귀찮으니까/ 로그인할 떄 refresh token을 추가로 발급한다.',
  'report.claim.lifetimes.explanation':
    '액세스 토큰 유효기간마다 사용자가 얼마나 자주 토큰을 재발급받는지, 그 때문에 저장소 쓰기가 몇 번 생기는지, 만료 시점에 요청이 몇 번 실패하는지, 탈취된 액세스 토큰이 얼마나 오래 동작하는지를 봅니다. 유효기간이 짧을수록 노출 시간은 줄고 재발급 부하는 늘어납니다. ACCESS_TOKEN_TTL을 정할 때 모든 팀이 하는 절충입니다.',

  'capacity.skip.no-lifetime':
    '세션 방식에는 액세스 토큰 유효기간이 없습니다(세션은 유휴 또는 절대 만료 시간으로 끝납니다)',
  'capacity.skip.target':
    '전용 노드를 직접 띄워야 하므로 내장 실행기가 필요합니다(--target으로는 할 수 없습니다)',
  'capacity.row.idle-cost': '유휴 세션당 바이트',
  'lifetimes.row.default': '15분: 재발급|쓰기/시간',
  'capacity.col.run': '실행',
  'capacity.col.sessions': '살아 있는 세션',
  'capacity.col.made-by': '만든 경로',
  'capacity.col.where': '저장 위치',
  'capacity.col.bytes': '세션당 바이트, 중앙값(최소–최대)',
  'capacity.col.total': '서버 메모리 합계',
  'capacity.made.login': '실제 로그인 경로',
  'capacity.made.store-api': '저장소 직접 호출',
  'capacity.where.node-heap': '노드 힙',
  'capacity.where.redis': 'Redis 메모리',
  'capacity.where.none': '없음(무상태)',
  'capacity.meaning.title': '의미(측정한 세션당 바이트에서 계산한 예상값이며 관찰한 값이 아닙니다):',
  'capacity.meaning.node-heap':
    '{run}, 사용자 {users}명: 노드 힙 {bytes}. 모든 노드가 모든 세션을 알아야 한다면 노드마다 이만큼이고, 아니면(스티키 세션) 노드들이 나눠 가지며 장애가 난 노드의 몫은 사라집니다.',
  'capacity.meaning.redis': '{run}, 사용자 {users}명: Redis에 {bytes}(복제본은 별도).',
  'capacity.meaning.none':
    '{run}, 사용자 {users}명: 서버에는 0바이트입니다. Bearer 헤더는 초당 {rate}건 요청에서 전송량 초당 {wire}입니다.',
  'capacity.meaning.none-more':
    '{run}, 사용자 {users}명: 서버에는 0바이트이고, 초당 {rate}건 요청에서 세션 쿠키보다 전송량이 초당 {more} 더 많습니다(모두 초당 {wire}).',
  'capacity.note.how':
    '바이트는 강제 가비지 컬렉션 직후의 노드 V8 힙(컴파일된 코드 제외) 또는 Redis가 보고하는 사용 메모리에서 읽습니다. 각 단계는 같은 크기의 세 걸음으로 채우고 걸음마다 표본 하나를 얻습니다. 세션 {login}개까지는 실제 로그인 경로로 만들고(이번 실행은 SCRYPT_COST={cost}: 로그인은 수단이지 측정 대상이 아닙니다), 그 이상은 저장소를 직접 호출해 만듭니다.',
  'capacity.note.memory-bound':
    '{run}: 세션 {bound}개에서 멈춥니다. 메모리 저장소는 노드마다 최대 그만큼만 두고, 넘으면 가장 오래된 세션을 내보냅니다.',
  'capacity.note.jwt-check':
    '{run}: 실제 로그인 한 번당 노드 힙 증가 {median}바이트({min}–{max}). 0 근처의 잡음일 뿐, 사용자마다 남는 것은 없습니다.',
  'capacity.note.shards':
    '{run}: Redis Cluster입니다. 세션 {sessions}개일 때 프라이머리 {count}개를 하나씩 읽었습니다(DBSIZE, INFO memory의 used_memory, 임의의 키 {sample}개의 MEMORY USAGE. 복제본은 사본이므로 세지 않습니다).',
  'capacity.note.shard':
    '프라이머리 {primary}(슬롯 {slots}개): 키 {keys}개({share}), used_memory {used}(비어 있을 때보다 {grown} 증가), 키 하나에 {perKey}',
  'capacity.chart.title': '살아 있는 세션 수에 따른 서버 메모리(로그 눈금)',
  'capacity.chart.x': '살아 있는 세션',
  'capacity.chart.zero': '{run}: 0바이트(무상태). 로그 눈금에는 나타나지 않습니다',

  'lifetimes.col.run': '실행',
  'lifetimes.col.ttl': '액세스 토큰 유효기간',
  'lifetimes.col.kind': '값의 종류',
  'lifetimes.col.refreshes': '사용자·시간당 재발급: 미리 | 401 후',
  'lifetimes.col.failed': '사용자·시간당 실패한 요청: 미리 | 401 후',
  'lifetimes.col.writes': '사용자·시간당 저장소 쓰기',
  'lifetimes.col.exposure': '탈취된 토큰이 동작한 시간(초)',
  'lifetimes.note.how':
    '두 종류의 클라이언트가 {interval} ms마다 요청합니다. “미리”는 유효기간의 5 %를 남기고 재발급받고, “401 후”는 요청이 ERR_TOKEN_EXPIRED로 실패한 뒤에야 재발급받아 그 요청을 다시 보냅니다. 공격자는 발급 순간 탈취한 액세스 토큰을 거부될 때까지 다시 보냅니다. 측정한 유효기간은 각자 전용 노드에서 실행했고, 더 긴 유효기간은 설정값과 측정한 비율(재발급 한 번당 저장소 쓰기 {writes}번, 유효기간을 넘겨 동작한 시간 {beyond}초)로 계산한 예상값입니다.',
  'lifetimes.note.beyond':
    '{run}: 탈취된 토큰이 유효기간보다 {beyond}초 더 동작했습니다. 검증할 때 노드 사이의 시계 오차를 허용하기 때문이며, 401을 기다리는 클라이언트도 그만큼 늦게 재발급받습니다.',
  'lifetimes.chart.title': '{run}: 액세스 토큰 유효기간에 따른 노출 시간과 재발급 부하(로그 눈금)',
  'lifetimes.chart.x': '액세스 토큰 유효기간(초)',
  'lifetimes.chart.exposure': '탈취된 토큰이 동작한 시간(초)',
  'lifetimes.chart.refreshes': '사용자·시간당 재발급',
};
