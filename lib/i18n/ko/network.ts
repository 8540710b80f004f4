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
    '--store-rtt, --client-rtt, --jitter는 링크에 지연을 넣습니다. --network shaped를 함께 지정하십시오.',
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
  'cli.error.jitter':
    '--jitter: 0에서 {max} ms(작은 쪽 RTT의 절반) 사이의 ± 값(예: 0.2ms)이 필요합니다. 받은 값: "{text}"',
  'cli.error.partition-target':
    '--fault partition은 이 실행이 띄운 링크를 끊습니다. --target과 함께 쓸 수 없습니다',
  'cli.error.partition-redis':
    '--fault partition에는 로컬 Redis 하나(--redis single)가 필요합니다. --redis {redis}는 쓸 수 없습니다',
  'cli.error.fault-cluster':
    '--fault는 장애 시나리오(demo, scenario)에 쓰는 옵션입니다. cluster는 시나리오를 실행하지 않습니다',
  'report.network.jitter':
    '지터 ±{jitter} ms: RTT 중앙값 절대 편차를 측정하니 {measured} ms였습니다(설정에서 계산한 기댓값 {expected} ms, 릴레이 없이 {direct} ms)',
  'report.fault.line':
    '장애 방식: {kind} — node-failure와 store-failure는 링크(로드 밸런서↔노드, 노드↔저장소)를 끊습니다. 릴레이가 복구될 때까지 모든 바이트를 붙잡아 둡니다. 패킷은 사라지고, 연결 거부는 일어나지 않습니다',
  'report.col.fault': '장애 방식',
  'report.fault.kill': '강제 종료',
  'report.fault.stop': '중지',
  'report.fault.failover': '페일오버',
  'report.fault.pause': '일시 정지',
  'report.fault.partition': '네트워크 분할',
  'report.def.fault':
    '장애를 일으킨 방식입니다. 강제 종료/중지: 프로세스가 사라져 포트가 곧바로 연결을 거부합니다. 그래서 로드 밸런서는 바로 다른 노드로 다시 보내고, 노드의 Redis 클라이언트도 바로 실패합니다. 네트워크 분할: 링크가 복구될 때까지 모든 바이트를 붙잡아 둡니다. 아무것도 거부되지 않으므로, 요청마다 시간 제한(노드의 Redis 명령 시간 제한 500 ms, 로드 밸런서의 헬스 체크 시간 제한)이 지나야 장애를 알게 됩니다.',
  'report.col.fault-answers': '장애 중 응답 시간(중앙값 / 최댓값)',
  'report.fig.fault-answers': '장애 중 응답 시간',
  'report.def.fault-answers':
    '장애가 이어지는 동안 처리 중이던 요청(장애 직전에 보내 장애에 걸린 요청 포함)이 성공이든 실패든 응답을 받기까지 걸린 시간입니다. 중앙값 / 최댓값(ms)과 요청 수를 적습니다. 중지된 프로세스는 빨리 응답하지만, 네트워크 분할에서는 처음 요청들이 기다립니다.',
  'report.fig.failed-answers': '실패한 요청의 응답 시간',
  'report.def.failed-answers':
    '장애 시작 이후 실패한 요청이 실패로 끝나기까지 걸린 시간입니다. 중앙값 / 최댓값(ms)입니다. 빠른 503은 몇 ms지만, 네트워크 분할 뒤 처음 요청들은 시간 제한까지 기다립니다.',
  'report.answers': '{p50} / {max} ms ({count}건)',
  'report.fig.node-recovered': '복구 후 정상화까지',
  'report.def.node.recovered':
    '네트워크 분할: 링크가 복구된 순간부터 마지막 실패 요청까지의 시간(초)입니다. 복구 뒤 실패가 없으면 0입니다.',
  'report.legend.partition': '링크 분할',
  'report.fig.breaker': '서킷 브레이커',
  'report.breaker.text': '장애 {opened} ms 뒤 열림, 저장소 복귀 {closed} ms 뒤 닫힘',
  'report.def.breaker':
    '노드마다 Redis 앞에 둔 서킷 브레이커를 /metrics로 50 ms마다 확인했습니다. 장애 뒤 처음 열린 시점과, 저장소가 돌아온 뒤(재시작 또는 분할 복구) 다시 닫힌 시점입니다. 연결이 거부되면 곧바로 열리지만, 네트워크 분할에서는 명령이 시간 제한(500 ms)을 넘겨야 열립니다. 열려 있는 동안에는 곧바로 503으로 응답하고 200 ms마다 저장소에 PING을 보냅니다.',
  'report.fig.balancer-health': '로드 밸런서 헬스 체크',
  'report.balancer-health.text': '장애 {ejected} ms 뒤 제외, 분할 복구 {back} ms 뒤 복귀',
  'report.def.balancer-health':
    '장애가 난 노드를 authscale 로드 밸런서가 어떻게 보았는지 /__lb/stats로 50 ms마다 확인했습니다. 노드가 순환에서 빠진 시점과, 네트워크 분할이 복구된 뒤 다시 들어온 시점입니다. 강제 종료된 노드는 곧바로 연결을 거부하므로 요청은 다른 노드로 다시 가고 노드는 바로 빠집니다. 분할된 노드는 헬스 체크가 두 번 시간 제한을 넘겨야 빠집니다.',
};
