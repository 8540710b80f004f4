import type { cli as en } from '../en/cli.ts';

/** 명령줄이 출력하는 문구입니다: 진행 상황, 보고서 위치, 도움말, 오류. */
export const cli: Record<keyof typeof en, string> = {
  'cli.progress.run-start': '{run}: 클러스터를 시작합니다…',
  'cli.progress.run-skipped': '{run}: 건너뜀 ({reason})',
  'cli.progress.scenario-done': '{run} · {scenario}: {seconds}초 만에 끝났습니다',
  'cli.progress.scenario-skipped': '{run} · {scenario}: 건너뜀 ({reason})',
  'cli.progress.load-round': '{run} · 부하 측정 {round}/{rounds}회차: {seconds}초',
  'cli.progress.run-end': '{run}: {seconds}초 만에 끝났습니다',
  'cli.progress.relogin':
    '{run} · 재로그인 실패: 측정값 {measured}, 예상값 {expected} (요청 {requests}개 중 {failures}개 실패)',
  'cli.reports': '보고서:',
  'cli.usage-error': '{message} (--help를 참고하십시오)',
  'cli.scenario-error': '오류: {where}: {reason}',
  'cli.cluster.title': 'authscale 클러스터: {mode}, 노드 {nodes}개, {strategy} (Ctrl-C로 멈춥니다)',
  'cli.cluster.note': '참고     ',
  'cli.cluster.try':
    '직접 해 보십시오 (사용자 alice, bob, carol, user0001…user9999, 비밀번호 = 이름 + "-pw"):',
  'cli.cluster.session-login': '로그인: 세션 ID가 서명된 sid 쿠키로 돌아옵니다',
  'cli.cluster.session-request':
    '인증이 필요한 요청 (여러 번 보내 보십시오: x-node-id와, 메모리 + 라운드 로빈이라면 401을 확인하십시오)',
  'cli.cluster.jwt-login':
    '로그인: 액세스 토큰은 응답 본문에, 리프레시 토큰은 rt 쿠키(Path=/auth)에 있습니다',
  'cli.cluster.jwt-request': '인증이 필요한 요청, 어느 노드든 응답합니다',
  'cli.cluster.jwt-refresh': '리프레시 토큰 교체 (이미 교체된 토큰을 다시 쓰면 계열 전체가 폐기됩니다)',
  'cli.cluster.needs-redis': '{mode}에는 Redis가 필요합니다: {reason}',
  'cli.cluster.no-balancer': '로드 밸런서를 시작할 수 없습니다: {reason}',
  'cli.cluster.stopping': '멈추는 중…',
  'cli.error.whole-number': '--{flag}에는 1-{max} 사이의 정수를 주어야 합니다. 받은 값: "{text}"',
  'cli.error.choice': '--{flag}에는 {choices} 중 하나를 주어야 합니다. 받은 값: "{text}"',
  'cli.error.list': '--{flag}에는 {example} 같은 목록을 주어야 합니다',
  'cli.error.target-url': '--target에는 http://localhost:8080 같은 URL을 주어야 합니다. 받은 값: "{text}"',
  'cli.error.target-http': '--target에는 http(s) URL을 주어야 합니다. 받은 값: "{text}"',
  'cli.error.parse': '명령줄을 해석할 수 없습니다: {message}',
  'cli.error.duration':
    '--duration에는 초 단위 값(예: 5 또는 5s, 최대 600)을 주어야 합니다. 받은 값: "{text}"',
  'cli.error.no-arguments': '{command}에는 인자를 줄 수 없습니다. 받은 값: "{text}"',
  'cli.error.scenario-name': 'scenario에는 NAME을 주어야 합니다: {names}',
  'cli.error.unknown-scenario': '알 수 없는 시나리오 "{text}"입니다. 다음 중 하나를 쓰십시오: {names}',
  'cli.error.one-name': 'scenario에는 NAME을 하나만 줄 수 있습니다. 받은 값: "{text}"',
  'cli.error.cluster-target': 'cluster는 클러스터를 직접 시작하므로 --target과 함께 쓸 수 없습니다',
  'cli.error.cluster-one-mode': 'cluster는 한 번에 --mode 하나만 실행합니다',
  'cli.error.unknown-command':
    '알 수 없는 명령 "{text}"입니다. demo, scenario NAME, cluster 중 하나를 쓰십시오',
  'cli.usage': `사용법:
  npm run demo -- [옵션]               모든 방식과 모든 시나리오를 실행하고 요약표와 보고서를 만듭니다
  npm run scenario -- NAME [옵션]      시나리오 하나만 실행합니다 ({scenarios})
  npm run cluster -- [옵션]            클러스터를 시작해 계속 띄워 둡니다 (Ctrl-C로 멈춥니다)

옵션:
  --modes LIST               실행할 방식, 기본값 {modes} (Redis가 없으면 redis와
                             jwt-redis는 이유와 함께 건너뜁니다)
  --mode M                   cluster: memory | redis | jwt (무상태) | jwt-redis (리프레시 토큰 교체,
                             재사용 탐지, Redis 차단 목록)
  --nodes N                  클러스터당 노드 수 (3)               --users N      가상 사용자 수
  --requests N               사용자당 요청 수                     --strategy {strategies}
  --duration S               측정 구간 길이(초) ({duration}, --quick이면 {quickDuration})
  --quick                    작고 빠른 실행 (약 1분 30초, 부하 측정은 {rounds}회 대신 {quickRounds}회 번갈아)
  --redis single|sentinel|cluster  redis/jwt-redis의 Redis 구성     --out DIR    보고서 디렉터리
  --network loopback|shaped  shaped: 지연 릴레이가 --store-rtt(1ms), --client-rtt(20ms)를 더합니다.
                             --jitter(0)는 한 방향 지연마다 ± 흔들림을 더합니다
  --fault stop|partition     node-failure / store-failure: 프로세스를 멈추거나(곧바로 연결 거부)
                             링크를 분할합니다(패킷이 사라지고 거부는 없음, --redis single)
  --balancer builtin|haproxy|nginx  노드 앞의 로드 밸런서 (builtin: authscale 내장, haproxy/nginx: PATH에서 실행)
  --client-addresses many|one  many(Linux 기본값): 가상 사용자마다 자기 루프백 주소 127.1.x.y에서
                             접속하므로 ip-hash가 사용자를 나눕니다. one: 모두 127.0.0.1에서 접속합니다
  --full                     capacity에서 세션 백만 개까지 채웁니다(Redis 실행, 몇 분 걸림)
  --lang en|ko               요약표, report.md, report.html의 언어
                             (기본값은 LC_ALL / LC_MESSAGES / LANG에서 정합니다. 지금: {lang})
  --json                     요약표 대신 보고서 JSON을 출력합니다
  --target URL               이미 실행 중인 클러스터를 사용합니다(docker compose). 환경 변수
                             ADMIN_TOKEN, REDIS_URL, AUTH_SECRET(또는 ADMIN_TOKEN_FILE, AUTH_SECRET_FILE)이
                             있으면 장애 주입 시나리오도 실행합니다. TARGET_NODES=URL,…이 있으면 로드 밸런서를
                             거치지 않고 노드에 직접 장애를 일으킵니다`,
};
