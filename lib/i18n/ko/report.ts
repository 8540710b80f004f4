import type { report as en } from '../en/report.ts';

/**
 * 보고서(터미널 요약표, report.md, report.html)의 한국어 문구입니다. 학습 노트의 주장은 한국어 원문의
 * 표현 그대로 인용합니다.
 */
export const report: Record<keyof typeof en, string> = {
  'report.title': 'authscale: 세션과 토큰, 측정으로 비교하기',

  // 실행
  'report.run.memory': '메모리',
  'report.run.redis': 'Redis',
  'report.run.jwt': 'JWT',
  'report.run.jwt-redis': 'JWT + Redis',
  'report.run.label': '{mode} · {strategy} · 노드 {nodes}개',
  'report.run.behind': '{label} · {balancer} 뒤',
  'report.strategy.round-robin': '라운드 로빈',
  'report.strategy.sticky': '스티키 세션',
  'report.strategy.ip-hash': 'IP 해시',
  'report.strategy.connection': '연결별',
  'report.caption.memory-round-robin':
    '노드마다 자기 세션만 가지고 있습니다. 라운드 로빈은 대부분의 요청을 그 세션을 모르는 노드로 보냅니다.',
  'report.caption.memory-sticky':
    '로드 밸런서가 사용자를 한 노드에 고정합니다. 재로그인은 없지만, 그 노드가 죽으면 세션도 함께 사라집니다.',
  'report.caption.redis':
    '세션 저장소 하나를 모든 노드가 공유합니다. 어느 노드든 응답할 수 있고 로그아웃도 즉시 반영되지만, 요청마다 저장소를 한 번 거치며 저장소 자체가 장애 지점이 됩니다.',
  'report.caption.jwt':
    '무상태(stateless)입니다. 저장소 없이 각 노드가 서명만 검증합니다. 대신 토큰은 만료되기 전에는 폐기할 수 없습니다.',
  'report.caption.jwt-redis':
    '같은 토큰에 Redis 상태를 더합니다. 리프레시 토큰 교체, 재사용 탐지, 로그아웃 차단 목록이 생기지만 다시 요청마다 저장소를 한 번 거칩니다.',

  // 시나리오 이름
  'report.scenario.relogin': '재로그인',
  'report.scenario.load': '부하',
  'report.scenario.token-size': '토큰 크기',
  'report.scenario.revocation': '폐기/무효화',
  'report.scenario.node-failure': '노드 장애',
  'report.scenario.store-failure': '저장소 장애',
  'report.scenario.attacks': '위조 공격',
  'report.scenario.scale': '확장성',

  // 단위와 칸
  'report.unit.seconds': '{n}초',
  'report.unit.minutes': '{n}분',
  'report.unit.hours': '{n}시간',
  'report.unit.days': '{n}일',
  'report.cell.skipped': '건너뜀',
  'report.cell.yes': '예',
  'report.cell.no': '아니요',
  'report.cell.unknown': '알 수 없음',
  'report.cell.cookie': '쿠키',
  'report.cell.bearer': '토큰',
  'report.cell.cookie-long': '쿠키 (sid)',
  'report.cell.bearer-long': 'Authorization: Bearer 헤더 (JWT)',

  // 보고서 머리말
  'report.meta.when': '시작 {started}, 종료 {finished}.',
  'report.meta.machine': '장비: 코어 {cores}개 ({cpu}), 메모리 {memory} GiB, {platform}, Node {node}.',
  'report.meta.config':
    '실행마다 노드 {nodes}개, 사용자 {users}명 × 요청 {requests}개, 측정 구간 {seconds}초, 부하 측정은 번갈아 {rounds}회 반복했습니다.',
  'report.meta.config-quick':
    '빠른 실행입니다. 실행마다 노드 {nodes}개, 사용자 {users}명 × 요청 {requests}개, 측정 구간 {seconds}초, 부하 측정은 번갈아 {rounds}회 반복했습니다.',
  'report.meta.target': '이미 실행 중인 클러스터를 대상으로 측정했습니다: {target}.',
  'report.meta.compare':
    '초당 요청 수의 절댓값은 장비와 그 장비에서 함께 돌아가는 작업에 따라 달라집니다. 이 보고서 안의 실행끼리만 비교하십시오.',
  'report.machine.load':
    '코어 {cores}개 장비의 평균 부하(1 / 5 / 15분): 시작 전 {before}, 종료 후 {after}, 실행 중 최고 {peak}.',
  'report.machine.overloaded':
    '실행 중 평균 부하가 코어 {cores}개에 대해 {peak}까지 올라갔습니다. 다른 작업이 CPU를 함께 썼으므로 처리량, 지연 시간, 요청당 CPU 값의 흔들림이 평소보다 큽니다.',
  'report.machine.other-work':
    '{phase} 동안 다른 작업이 코어 {cores}개 중 평균 {other}개를 썼습니다(측정값). 처리량, 지연 시간, 요청당 CPU, 장애 구간의 요청 수가 평소보다 흔들립니다.',
  'report.machine.phase-cpu':
    '평균 CPU 사용량(측정값이며, 위의 평균 부하에는 데모 자신의 프로세스도 들어 있습니다): {phases}.',
  'report.machine.phase-share': '{phase} 데모 {own}코어, 다른 작업 {other}코어',
  'report.machine.phase.fault-windows': '장애 구간',
  'report.machine.phase.quiet': '부하 측정 구간',

  // 헤드라인
  'report.headline.title': '실행별 재로그인 실패: 측정값과 예상값',
  'report.headline.lead':
    '응답한 노드가 사용자의 세션을 몰라서 실패한 요청의 비율입니다(사용자는 다시 로그인해야 합니다).',
  'report.headline.failed': '요청 {requests}개 중 {failures}개 실패',
  'report.headline.expected': '예상값 {rate}',

  // 요약표
  'report.summary.title': '요약',
  'report.table.title': 'authscale 요약: 열은 실행(각 노드 {nodes}개), 행은 측정 항목입니다',
  'report.table.no-runs': '(실행 없음)',
  'report.table.legend':
    '측정값 = 이번 실행에서 관찰한 값, 계산값 = 설정값에서 계산한 값(관찰하지 않음), – = 이 구성에서는 실행하지 않음(report.md 참고).',
  'report.table.skipped-heading': '건너뛴 항목:',
  'report.table.skipped-runs':
    '시작하지 못한 실행은 열로 보여 주지 않습니다. 이유는 “건너뛴 항목”에 있습니다.',
  'report.row.relogin': '재로그인 실패 (예상값)',
  'report.row.store-ops': '요청당 저장소 작업 수',
  'report.row.credential': '인증 정보 크기(바이트)',
  'report.row.after-logout': '로그아웃 후 동작 (측정값)',
  'report.row.stolen': '탈취된 사본 동작 (측정값)',
  'report.row.stolen-production': '  운영 설정 기준 (계산값)',
  'report.row.stolen-refresh': '탈취된 리프레시 토큰 (측정값)',
  'report.row.node-lost': '노드 장애: 잃은 세션',
  'report.row.store-failed': '저장소 장애: 실패/전체',
  'report.row.store-recovered': '저장소 장애: 복구까지',
  'report.row.attacks': '위조 공격 거부',
  'report.row.rps': '처리량 req/s, 중앙값',
  'report.row.rps-range': '최소–최대',
  'report.row.p99': 'p99 지연 시간 ms, 중앙값',
  'report.row.p99-range': '최소–최대',
  'report.row.cpu': '요청당 노드 CPU µs, 중앙값',
  'report.row.cpu-range': '최소–최대',

  // 부하 측정의 흔들림
  'report.figure.rps': '처리량 req/s',
  'report.figure.p99': 'p99 지연 시간',
  'report.figure.cpu': '요청당 노드 CPU µs',
  'report.noise.heading':
    '{rounds}회 번갈아 측정한 부하 값입니다(≈ 최소–최대 범위가 겹쳐 뚜렷한 차이가 없으므로 순위를 매기지 않음, < 뚜렷하게 낮음):',
  'report.noise.order': '{figure}: {order}',
  'report.noise.all-overlap': '{figure}: {order} — 어느 실행 사이에도 뚜렷한 차이가 없습니다.',
  'report.load.headline':
    '핵심 값은 요청당 노드 CPU µs입니다. 인증 노드가 직접 쓴 CPU 시간만 세고 로드 밸런서는 빼므로, 앞에 어떤 로드 밸런서가 있든 모드끼리 비교할 수 있습니다. 최대 req/s와 지연 시간에는 로드 밸런서({balancers})의 비용이 들어 있습니다. 로드 밸런서가 먼저 한계에 이르면 이 두 값은 모드가 아니라 로드 밸런서를 잰 것입니다.',
  'report.balancer.builtin': 'authscale 내장 로드 밸런서',
  'report.load.store-rtt':
    '저장소 링크 {rtt} ms(측정값). 고정 요청률에서 {run} − jwt를 회차끼리 짝지어 뺀 값: p50 {p50} ms({p50min}~{p50max}), p99 {p99} ms({p99min}~{p99max}). 이론: 요청마다 저장소 왕복 {trips}번({what}) = {theory} ms. p50 차이는 {verdict}.',
  'report.load.store-rtt.redis': '세션 GET',
  'report.load.store-rtt.jwt-redis': '액세스 토큰 거부 목록 EXISTS',
  'report.load.store-rtt.within': '회차 범위 안에 이론값이 있습니다',
  'report.load.store-rtt.more': '이론값보다 큽니다. 기계의 부하나 릴레이가 링크보다 더 보탭니다',
  'report.load.store-rtt.less': '이론값보다 작습니다. 회차 사이의 잡음이 커서 링크의 몫이 보이지 않습니다',
  'report.load.how':
    '각 값은 여러 회차의 중앙값이며, 가장 낮은 회차와 가장 높은 회차를 함께 적었습니다. 실행들이 번갈아(A B C A B C …) 측정되었으므로 바깥 부하가 몰려도 모든 실행에 비슷하게 영향을 줍니다.',

  // 시나리오 표의 열 이름
  'report.col.run': '실행',
  'report.col.figure': '항목',
  'report.col.measured': '측정값',
  'report.col.expected': '예상값',
  'report.col.trade-off': '얻는 것과 잃는 것',
  'report.col.users': '사용자',
  'report.col.requests': '요청',
  'report.col.failures': '실패',
  'report.col.failure-rate': '실패율 (측정값)',
  'report.col.expected-rate': '예상값: (N-1)/N 또는 0',
  'report.col.served-by': '응답한 노드',
  'report.col.rounds': '회차',
  'report.col.rps-spread': '최대 처리량 req/s: 중앙값 (최소–최대)',
  'report.col.p99-spread': '고정 요청률에서 p99 ms: 중앙값 (최소–최대)',
  'report.col.p50-p90': 'p50 / p90 ms',
  'report.col.cpu-spread': '요청당 노드 CPU µs(로드 밸런서 제외): 중앙값 (최소–최대)',
  'report.col.store-ops': '요청당 저장소 작업',
  'report.col.bytes': '요청당 보낸 / 받은 바이트',
  'report.col.errors': '오류 / 2xx 외 응답',
  'report.col.credential': '인증 정보',
  'report.col.credential-bytes': '인증 정보 바이트',
  'report.col.header-bytes': '요청 헤더 바이트',
  'report.col.mb-per-million': '요청 100만 건당 MB',
  'report.col.decoded': '디코딩한 내용 (비밀 정보 없음)',
  'report.col.credential-case': '탈취된 인증 정보',
  'report.col.measured-seconds': '계속 동작한 시간 (측정값)',
  'report.col.stopped-by': '멈춘 이유',
  'report.col.run-setting': '이번 실행의 설정',
  'report.col.production': '운영 설정 기준 (계산값)',
  'report.col.sessions-before': '장애 전 세션',
  'report.col.sessions-lost': '잃은 세션',
  'report.col.relogins': '강제된 재로그인',
  'report.col.failed-total': '실패 / 전체 요청',
  'report.col.access': '접근: 실패 / 전체',
  'report.col.refresh': '갱신: 실패 / 전체',
  'report.col.login': '로그인: 실패 / 전체',
  'report.col.until-clean': '실패가 이어진 시간',
  'report.col.recovered': '복구까지',
  'report.col.failing-for': '사용자가 오류를 본 시간',
  'report.col.families-lost': '잃은 리프레시 토큰 계열',
  'report.col.sentinel': 'Sentinel 사용',
  'report.col.attack': '공격',
  'report.col.attack-tries': '시도하는 것',
  'report.col.status': '상태 코드',
  'report.col.code': '오류 코드',
  'report.col.outcome': '결과',
  'report.col.nodes': '노드 수 (N)',
  'report.col.cpu-at-n': '요청당 CPU µs (프로세스 N개가 코어를 나눠 씀)',
  'report.section.not-run': '이 보고서에서는 실행하지 않았습니다.',

  // 폐기/무효화
  'report.case.after-logout': '피해자가 로그아웃한 뒤 재전송한 사본',
  'report.case.stolen-access': '피해자가 로그인한 채로 있을 때 재전송한 사본',
  'report.case.stolen-refresh': '탈취된 리프레시 토큰',
  'report.case.stolen-refresh-minted': '탈취된 리프레시 토큰 (이것으로 액세스 토큰 {n}개 발급)',
  'report.stop.logout': '로그아웃 (서버가 세션을 삭제하거나 토큰 계열을 폐기함)',
  'report.stop.denylist': '로그아웃: 액세스 토큰 ID가 차단 목록에 올라감',
  'report.stop.access-expiry': '만료(exp)뿐: 서버에서는 막을 방법이 없음',
  'report.stop.refresh-expiry': '리프레시 토큰의 만료뿐',
  'report.stop.idle-expiry': '서버의 세션 유휴 시간 만료',
  'report.stop.absolute-expiry': '세션의 절대 만료 시간: 탈취자가 계속 쓰면 그때까지 살아 있음',
  'report.stop.reuse-detection': '재사용 탐지: 피해자의 다음 갱신이 토큰 계열 전체를 폐기함',
  'report.stop.never-worked': '처음부터 동작하지 않음',
  'report.stop.not-stopped': '아직 멈추지 않음: 관찰이 끝날 때까지 동작함',
  'report.revocation.settings':
    '모든 시간 창이 실행 중에 끝나도록 수명을 짧게 설정한 클러스터에서 측정했습니다: 액세스 토큰 {access}, 리프레시 토큰 {refresh}, 세션 유휴 시간 {idle}, 절대 만료 시간 {absolute}. 기본 설정({accessProd}, {refreshProd}, {idleProd}, {absoluteProd})에서는 같은 창이 “운영 설정 기준” 열만큼 이어집니다. 이 값은 설정에서 계산한 것이며 관찰한 값이 아닙니다.',
  'report.revocation.tolerance':
    '노드는 만료 시각이 지난 토큰도 {tolerance}까지 받아 줍니다(시계 오차 허용). 그래서 토큰은 수명보다 그만큼 더 오래 동작합니다.',

  // 장애 시나리오
  'report.kind.access': '접근 (GET /api/me)',
  'report.kind.refresh': '토큰 갱신',
  'report.kind.login': '로그인',
  'report.kind.all': '전체 요청',
  'report.fig.sessions-lost': '잃은 세션',
  'report.fig.relogins': '강제된 재로그인',
  'report.fig.until-clean': '실패가 이어진 시간',
  'report.fig.recovered': '복구까지',
  'report.fig.failing-for': '사용자가 오류를 본 시간',
  'report.fig.families-lost': '잃은 리프레시 토큰 계열',
  'report.fig.totals': '실패 / 전체 요청',
  'report.def.node.sessions-lost':
    '세션이 죽은 노드에만 있었기 때문에 장애 후 401로 거부된 사용자 수입니다. 이 사용자들은 로그인 화면으로 돌아갑니다.',
  'report.def.node.relogins':
    '그 사용자들이 다시 해야 했던 로그인 횟수입니다(한 사용자가 여러 번 강제될 수 있습니다).',
  'report.def.node.until-clean': '노드를 죽인 순간부터 마지막 실패 요청까지의 시간(초)입니다.',
  'report.def.store.recovered':
    '저장소가 돌아온 순간부터 마지막 실패 요청까지의 시간(초)입니다(0: 돌아온 뒤에는 실패가 없음).',
  'report.def.store.failing-for':
    '저장소 장애가 시작된 순간부터 마지막 실패 요청까지의 시간(초), 곧 사용자가 오류를 본 시간입니다.',
  'report.def.store.sessions-lost':
    '저장소가 돌아온 뒤 세션이 사라져 있던 사용자 수입니다(503이 아니라 401). 저장소가 세션을 메모리에만 두었기 때문입니다.',
  'report.def.store.families-lost':
    '저장소가 돌아온 뒤 토큰 갱신이 401로 거부된 사용자 수입니다. 교체 상태가 저장소와 함께 사라졌으므로 액세스 토큰이 만료되면 다시 로그인해야 합니다.',
  'report.def.totals':
    '모든 종류의 요청(접근, 토큰 갱신, 로그인)을 셉니다. 합계는 옆 타임라인의 합과 같습니다.',
  'report.def.totals-mismatch':
    '시나리오는 전체 {total}개 중 {failed}개 실패로 셌지만 타임라인의 합은 {timelineTotal}개 중 {timelineFailed}개입니다. 이 보고서는 타임라인의 합을 보여 줍니다.',

  // 공격
  'report.attacks.meaning':
    '“거부”는 모든 노드가 위조된 인증 정보에 401로 응답했다는 뜻입니다. 세션 고정 공격은 다릅니다. 로그인 자체는 성공(200)하며, 서버가 공격자가 심어 둔 세션 ID를 쓰지 않고 새 세션 ID를 발급했을 때 거부된 것으로 봅니다.',
  'report.attack.outcome.rejected-401': '✓ 거부됨 (모든 노드가 401)',
  'report.attack.outcome.not-adopted': '✓ 거부됨: 심어 둔 ID를 쓰지 않음',
  'report.attack.outcome.accepted': '✗ 거부되지 않음',
  'report.attack.alg-none.name': '서명 없음 (alg: none)',
  'report.attack.alg-none.tries': '“서명 없음”(alg none)을 선언하고 alice라고 주장하는 토큰입니다.',
  'report.attack.signature-stripped.name': '서명이 제거된 토큰',
  'report.attack.signature-stripped.tries':
    '진짜 토큰의 페이로드를 alice로 바꾸고 서명을 떼어 낸 토큰입니다.',
  'report.attack.payload-tampered.name': '페이로드 변조',
  'report.attack.payload-tampered.tries':
    '진짜 토큰의 페이로드를 alice로 바꾸고 원래 서명은 그대로 둔 토큰입니다.',
  'report.attack.wrong-key.name': '다른 키로 서명',
  'report.attack.wrong-key.tries': '형식은 올바르지만 서버에 없는 키로 서명한 alice의 토큰입니다.',
  'report.attack.alg-confusion.name': '알고리즘 혼동',
  'report.attack.alg-confusion.tries':
    'RS256이라고 적어 서버가 엉뚱한 알고리즘으로 검증하기를 노리는 토큰입니다.',
  'report.attack.garbage-token.name': '엉터리 토큰',
  'report.attack.garbage-token.tries': 'Authorization 헤더에 JWT가 아닌 값을 넣습니다.',
  'report.attack.oversized-token.name': '지나치게 큰 토큰',
  'report.attack.oversized-token.tries': '서버가 분석하느라 힘을 쓰도록 수 킬로바이트로 부풀린 토큰입니다.',
  'report.attack.refresh-as-access.name': '리프레시 토큰을 액세스 토큰으로 사용',
  'report.attack.refresh-as-access.tries': '서명된 진짜 리프레시 토큰을 액세스 토큰 자리에 보냅니다.',
  'report.attack.expired-token.name': '만료된 토큰',
  'report.attack.expired-token.tries': '진짜 키로 서명했지만 만료 시각이 지난 토큰입니다.',
  'report.attack.wrong-typ-aud.name': '용도(typ/aud)가 다른 토큰',
  'report.attack.wrong-typ-aud.tries': '진짜 키로 서명했지만 다른 용도로 만든 토큰입니다.',
  'report.attack.random-sid.name': '임의의 세션 ID',
  'report.attack.random-sid.tries': '올바른 서명이 없는 지어낸 세션 ID입니다.',
  'report.attack.unsigned-sid.name': '서명 없는 세션 ID',
  'report.attack.unsigned-sid.tries': '진짜 세션 ID에서 쿠키 서명을 떼어 낸 값입니다.',
  'report.attack.sid-signature-tampered.name': '쿠키 서명 변조',
  'report.attack.sid-signature-tampered.tries': '진짜 세션 쿠키의 서명을 바꾼 값입니다.',
  'report.attack.sid-wrong-key.name': '다른 키로 서명한 쿠키',
  'report.attack.sid-wrong-key.tries': '서버에 없는 키로 서명한 세션 쿠키입니다.',
  'report.attack.empty-sid.name': '빈 세션 ID',
  'report.attack.empty-sid.tries': '값이 비어 있는 sid 쿠키입니다.',
  'report.attack.signed-unknown-sid.name': '서명은 맞지만 발급된 적 없는 세션 ID',
  'report.attack.signed-unknown-sid.tries':
    '진짜 비밀 키로 올바르게 서명했지만 어느 서버도 발급한 적 없는 ID입니다.',
  'report.attack.session-fixation.name': '세션 고정',
  'report.attack.session-fixation.tries':
    '공격자가 아는 세션 ID를 피해자 브라우저에 심어 두고, 로그인 뒤에도 그 ID가 유지되기를 노립니다.',

  // 차트
  'report.chart.relogin': '실행별 재로그인 실패율',
  'report.chart.p99': '고정 요청률에서 p99 지연 시간 (ms)',
  'report.chart.cpu': '요청당 노드 CPU (µs)',
  'report.chart.store-ops': '요청당 저장소 작업 수',
  'report.chart.bytes': '요청당 바이트: 인증 정보와 요청 헤더 전체',
  'report.chart.revocation': '탈취된 인증 정보가 계속 동작한 시간(초, 측정값)',
  'report.chart.timeline': '{run}: 시간에 따른 요청',
  'report.chart.attacks': '위조된 인증 정보: 시도와 거부',
  'report.chart.scale': '노드 수에 따른 재로그인 실패율',
  'report.chart.scale-cpu': '노드 수에 따른 요청당 노드 CPU (µs)',
  'report.scale.cpu-caveat':
    '노드 프로세스 N개가 장비의 코어 {cores}개를 나눠 쓰므로 요청당 CPU는 경합 때문에 N과 함께 늘어납니다. 같은 N끼리만 비교하십시오.',
  'report.legend.measured': '측정값',
  'report.legend.expected': '예상값',
  'report.legend.range': '회차별 최소–최대',
  'report.legend.median': '중앙값',
  'report.legend.store-ops': '요청당 작업',
  'report.legend.credential-bytes': '인증 정보 바이트',
  'report.legend.header-bytes': '요청 헤더 바이트',
  'report.legend.after-logout': '로그아웃 후',
  'report.legend.stolen-access': '피해자가 로그인 유지',
  'report.legend.stolen-refresh': '탈취된 리프레시 토큰',
  'report.legend.ok': '성공',
  'report.legend.failed': '실패',
  'report.legend.seconds': '초',
  'report.legend.node-down': '노드 장애',
  'report.legend.store-down': '저장소 장애',
  'report.legend.node-killed': '노드 종료',
  'report.legend.no-data': '데이터 없음',
  'report.legend.lane': '{kind}: 성공 {ok}, 실패 {failed}',
  'report.legend.tried': '시도',
  'report.legend.rejected': '거부',
  'report.legend.series-measured': '{run} (측정값)',
  'report.legend.theory': '이론값 (N-1)/N, 메모리 + 라운드 로빈',
  'report.legend.nodes': '노드 수 (N)',

  // 건너뛴 이유
  'report.skip.memory-no-store': '메모리 모드에는 장애를 낼 저장소가 없습니다',
  'report.skip.memory-rr-load':
    '메모리 + 라운드 로빈은 이미 요청의 (N-1)/N이 실패합니다(재로그인 참고). 부하는 스티키 세션으로 측정합니다',
  'report.skip.memory-rr-node-failure':
    '메모리 + 라운드 로빈은 장애가 없어도 이미 실패합니다(재로그인 참고). 메모리 + 스티키 세션을 보십시오',
  'report.skip.no-redis':
    'Redis가 없습니다: PATH에 redis-server가 없고 REDIS_URL도 설정되지 않았습니다(apt-get install -y redis-server)',
  'report.skip.scale-target': '확장성 시나리오는 자체 클러스터를 띄우므로 --target으로는 실행할 수 없습니다',
  'report.skip.cannot-kill':
    '이 클러스터는 노드를 종료할 수 없습니다(--target이라면 ADMIN_TOKEN을 설정하십시오)',
  'report.skip.cannot-stop-store': '이 클러스터는 저장소를 멈출 수 없습니다',
  'report.skip.no-store': '이 실행에는 저장소가 없습니다',
  'report.skip.cluster-failed': '클러스터가 시작되지 않았습니다: {error}',
  'report.skip.failed': '실패했습니다: {error}',
  'report.skip.other': '{reason}',

  // 학습 노트의 주장 (한국어 원문 인용)
  'report.claim.source': '학습 노트, {section} (docs/lesson.ko.md에 풀어 썼습니다)',
  'report.claim.relogin.title': '로드 밸런서 뒤에서 생기는 재로그인',
  'report.claim.relogin.section': '차이점 3. 확장성',
  'report.claim.relogin.quote':
    'request마다 내가 접속한 서버가 달라질 수 있다. session에 정보가 없는 다른 서버에 접속할 때 마다 계속 로그인 해줘야 합니다.',
  'report.claim.relogin.explanation':
    '가상 사용자가 한 번 로그인한 뒤 계속 요청을 보냅니다. 메모리 세션과 라운드 로빈 로드 밸런서에서는 세션을 만든 노드에 도착한 요청만 성공하므로, 노드가 N개이면 요청의 약 (N-1)/N이 실패합니다. 스티키 세션, 공유 Redis 저장소, JWT는 모두 이 값을 0으로 만들지만 방법과 비용이 저마다 다릅니다.',
  'report.claim.load.title': '부하를 걸었을 때 각 방식의 비용',
  'report.claim.load.section': '차이점 3. 확장성',
  'report.claim.load.quote':
    '세션은 서버에 저장되어 다중 접속자가 있다면 과부하에 걸린다. 과부하를 덜기 위해 서버를 여러대 두는데, 서버가 여러대면 세션을 쓰기가 복잡하다',
  'report.claim.load.explanation':
    '모든 실행에 같은 트래픽을 로드 밸런서로 보냅니다. 한 번은 고정 요청률로(공정한 지연 시간 비교), 한 번은 최대 속도로 보냅니다. 실행끼리 비교하십시오: 노드가 요청 하나에 쓰는 CPU 시간(µs), 요청당 저장소 왕복 횟수, 전송 바이트. 공유 저장소는 요청마다 네트워크 왕복을 하나 더하고, 무상태 JWT는 그것을 서명 검증으로 바꿉니다.',
  'report.claim.token-size.title': '전송되는 인증 정보의 크기',
  'report.claim.token-size.section': '차이점 1. 사이즈',
  'report.claim.token-size.quote':
    '세션 < 토큰. 세션을 사용 시 주고받는 session id 의 크기는 매우 작다. 토큰은 같은 데이터를 담고 있어도 그에 비해 크기가 크다.',
  'report.claim.token-size.explanation':
    '모든 요청에는 인증 정보가 실립니다. 쿠키 속의 짧은 서명된 세션 ID이거나, Authorization 헤더 속의 서명된 JWT 전체입니다. 토큰은 자기 데이터(사용자, 만료 시각, ID)와 서명을 함께 담고 있어서 크고, 그 덕분에 서버는 아무것도 조회하지 않아도 됩니다.',
  'report.claim.revocation.title': '로그아웃과 탈취된 인증 정보',
  'report.claim.revocation.section': '차이점 2. 안전성',
  'report.claim.revocation.quote':
    '유효기간을 짧게 설정해 공격에 노출될 수 있는 시간을 최소화한다. 하지만 너무 짧으면 계속 로그인해야되서 귀찮으니까/ 로그인할 떄 refresh token을 추가로 발급한다.',
  'report.claim.revocation.explanation':
    '두 번째 클라이언트가 피해자의 인증 정보 사본을 더 이상 동작하지 않을 때까지 다시 보내고, 그 시간을 잽니다. 서버 쪽 세션은 서버가 지우는 순간 끝납니다. 무상태 토큰은 노드들이 차단 목록(다시 상태입니다)을 공유하지 않는 한 만료될 때까지 동작합니다. 그래서 액세스 토큰은 짧게 두고 리프레시 토큰은 교체합니다. 이미 교체된 리프레시 토큰을 다시 쓰면 그 계열 전체가 폐기됩니다. 라운드 로빈 뒤의 메모리 세션에서는 로그아웃 요청조차 세션이 없는 노드에 도착할 수 있어, 세션이 유휴 시간 만료까지 살아 있습니다.',
  'report.claim.node-failure.title': '실행 중에 노드가 죽을 때',
  'report.claim.node-failure.section': 'HTTP는 무상태(stateless)',
  'report.claim.node-failure.quote': '세션: DB에 저장 / 토큰: 클라이언트 측에서만 저장한다는 점이다.',
  'report.claim.node-failure.explanation':
    '사용자들이 요청하는 동안 애플리케이션 노드 하나를 종료합니다. 메모리 세션에서는 그 노드에 있던 세션이 모두 사라지고 해당 사용자는 다시 로그인해야 합니다. 공유 저장소나 토큰을 쓰면 다른 노드가 여전히 사용자를 알아보므로, 로드 밸런서가 죽은 노드를 알아채는 순간 실패가 멈춥니다.',
  'report.claim.store-failure.title': '세션 저장소가 죽을 때',
  'report.claim.store-failure.section': '차이점 3. 확장성',
  'report.claim.store-failure.quote':
    '세션용 서버를 따로 두고 쓰는 방법도 있다. 하지만 만일을 대비해 서버를 복제해야한다.',
  'report.claim.store-failure.explanation':
    '실행 도중 공유 Redis를 멈춥니다. Redis 모드에서는 저장소가 돌아올 때까지 인증이 필요한 모든 요청이 곧바로(503) 실패하고, 메모리에만 있던 세션은 사라집니다. JWT + Redis에서는 액세스 토큰이 계속 동작하고(서명 검증에는 저장소가 필요 없습니다) 토큰 갱신과 로그인만 실패합니다. Sentinel을 쓰면 복제본이 승격되어 장애 조치(페일오버) 뒤 서비스가 이어집니다.',
  'report.claim.attacks.title': '위조되거나 변조된 인증 정보',
  'report.claim.attacks.section': 'JWT',
  'report.claim.attacks.quote': 'signature를 떼버리고 보냈을 때 인증되는 경우가 있는데 이를 경계해야한다.',
  'report.claim.attacks.explanation':
    '공격자가 만들 수 있는 것을 보냅니다: alg none JWT, 서명을 떼거나 바꾼 토큰, 페이로드를 변조한 토큰, 다른 키로 서명한 토큰, 위조하거나 변조한 세션 쿠키. 모두 거부되어야 하며, 거부되지 않은 경우는 실패로 표시합니다.',
  'report.claim.scale.title': '노드를 늘릴 때: 실패율과 비용',
  'report.claim.scale.section': '차이점 3. 확장성',
  'report.claim.scale.quote': '최근 대부분 웹 서비스가 토큰을 선택한 이유는 바로 확장성!',
  'report.claim.scale.explanation':
    '노드 1, 2, … 8개로 재로그인 측정을 반복합니다. 메모리 세션과 라운드 로빈에서는 요청이 세션을 가진 노드에 도착할 확률이 1/N이므로, 실패율이 점선으로 그린 이론값 (N-1)/N을 따릅니다: 노드 1개면 0, 2개면 50%, 8개면 87.5%입니다. JWT는 노드가 몇 개든 0입니다.',
};
