import type { network as en } from '../en/network.ts';

/** 저장소 구성, 페일오버 내구성, 한 대의 기계 위 네트워크(보고서, 콘솔, CLI). */
export const network: Record<keyof typeof en, string> = {
  'report.col.failover-lost': '페일오버에서 잃은 확인된 로그인',
  'report.fig.failover-lost': '페일오버에서 잃은 확인된 로그인',
  'report.failover.lost': '{acknowledged}건 중 {lost}건({durability})',
  'report.failover.async': '비동기 복제',
  'report.failover.wait': '복제본 {replicas}개 WAIT, {timeout} ms',
  'report.failover.unknown': '내구성 설정을 알 수 없음',
  'report.def.store.failover-lost':
    '프라이머리를 죽이는 순간을 사이에 두고 새 로그인을 쉬지 않고 보냈습니다. 이 수는 클러스터가 200으로 응답했는데 페일오버 뒤에 세션을 찾을 수 없었던 로그인 수입니다. Redis는 비동기로 복제합니다. 프라이머리는 복제본에 쓰기가 전달되기 전에 응답하므로, 프라이머리가 죽기 직전에 확인된 쓰기는 승격된 복제본에 없을 수 있습니다. 여기의 0은 이번 실행에서 잰 값이지 보장이 아닙니다. REDIS_WAIT_REPLICAS를 설정하면 노드는 복제본이 쓰기를 확인한 뒤에야(Redis WAIT) 응답하므로 확인된 세션은 잃지 않습니다. 대가로 로그인마다 왕복이 한 번 늘고, 동기화된 복제본이 없는 동안에는 로그인이 503으로 실패합니다.',
  'report.col.shard-touched': '영향받은 사용자(죽은 샤드 / 나머지)',
  'report.fig.shard-touched': '죽은 샤드가 영향을 준 사용자',
  'report.shard.touched': '샤드 {primary}의 {members}명 중 {inside}명, 다른 샤드 {outside}명',
  'report.shard.outside-answers': '(실패한 요청의 응답: {answers})',
  'report.def.store.shard-touched':
    'Redis Cluster에서 샤드 하나의 프라이머리를 죽였습니다. 사용자의 세션(jwt는 토큰 갱신 패밀리)은 키의 해시가 가리키는 샤드에 있습니다. 페일오버 동안 요청이 실패한 사용자를 그 샤드 안과 밖으로 나누어 셉니다. 나머지 샤드는 계속 응답하므로 앞의 수만 0보다 커야 합니다.',
  'cli.error.rtt': '--{flag}: 0~1000 ms 사이의 왕복 시간(예: 1ms, 20ms)이 필요합니다. 받은 값: "{text}"',
  'cli.error.rtt-needs-shaped':
    '--store-rtt와 --client-rtt는 링크에 지연을 넣습니다. --network shaped를 함께 지정하십시오.',
  'report.network.shaped':
    '네트워크: 루프백 위에 사용자 공간 지연 릴레이로 지연을 넣었습니다(링크마다 설정한 RTT → 측정한 중앙값, 최소–최대). {links}',
  'report.network.store':
    '노드↔저장소 {configured} ms → {measured} ms ({min}–{max}, 릴레이 없이 {direct} ms)',
  'report.network.client':
    '클라이언트↔로드 밸런서 {configured} ms → {measured} ms ({min}–{max}, 릴레이 없이 {direct} ms)',
  'report.network.clients-many':
    '클라이언트: 가상 사용자마다 자기 루프백 주소(127.1.x.y)에서 접속합니다. 서로 다른 네트워크에 있는 사용자처럼 ip-hash와 주소별 제한이 사용자 한 명을 클라이언트 하나로 봅니다.',
  'report.network.clients-one':
    '클라이언트: 모든 가상 사용자가 127.0.0.1에서 접속합니다. NAT 하나 뒤의 사용자들처럼 ip-hash는 모두를 노드 하나로 보냅니다.',
  'report.network.clients-one-platform':
    '클라이언트: 모든 가상 사용자가 127.0.0.1에서 접속합니다(이 플랫폼은 인터페이스 별칭 없이 다른 루프백 주소를 쓸 수 없습니다). NAT 하나 뒤의 사용자들과 같습니다.',
  'report.network.clients-one-remote':
    '클라이언트: 모든 가상 사용자가 주소 하나에서 접속합니다(대상이 이 기계에 있지 않아 루프백 출발 주소로는 닿지 않습니다). NAT 하나 뒤의 사용자들과 같습니다.',
  'report.col.users-per-node': '노드별 사용자 수',
  'console.lesson.7.note':
    '복제본과 Sentinel이 있으면 페일오버 뒤에도 세션이 남습니다. 다만 복제본까지 전달된 세션만 남습니다. Redis는 비동기로 복제하므로 프라이머리가 죽기 직전에 응답한 로그인은 사라질 수 있습니다. 복제본의 확인을 기다리는(REDIS_WAIT_REPLICAS) 노드는 하나도 잃지 않지만, 로그인마다 왕복이 한 번 늘어납니다.',
};
