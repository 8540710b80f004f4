import type { thresholds as en } from '../en/thresholds.ts';

export const thresholds: Record<keyof typeof en, string> = {
  'ci.threshold.title': '임계값',
  'ci.threshold.heading': '임계값: {total}개 중 {passed}개 통과, {failed}개 실패, {missing}개 측정 안 됨',
  'ci.threshold.missing': '측정 안 됨: {figure} 값을 만든 실행이 없습니다. 이 보고서에 있는 값: {names}',
  'ci.threshold.error.syntax':
    '임계값 "{expr}"의 형식이 FIGURE{label=value,…} OP NUMBER가 아닙니다(OP는 {ops} 중 하나). 예: "{example}"',
  'ci.threshold.error.figure': '임계값 "{expr}": 알 수 없는 지표 "{name}"입니다. 쓸 수 있는 지표: {names}',
  'ci.threshold.error.label':
    '임계값 "{expr}": 알 수 없는 레이블 "{label}"입니다. 쓸 수 있는 레이블: {labels}',
  'ci.threshold.error.label-syntax': '임계값 "{expr}": "{text}" 부분은 label=value 형식이 아닙니다',
  'ci.threshold.error.label-value':
    '임계값 "{expr}": {label}={text} 값은 올바르지 않습니다. 가능한 값: {values}',
  'ci.threshold.error.number': '임계값 "{expr}": "{text}" 값은 숫자가 아닙니다',
  'ci.threshold.error.end':
    '임계값 "{expr}": {name} 지표는 한 번만 측정하므로 최솟값–최댓값 범위가 없습니다. .{end}를 쓸 수 없습니다',
  'ci.threshold.error.file': '임계값 파일을 읽을 수 없습니다: {file} ({reason})',
  'ci.threshold.error.file-line': '{file} {line}번째 줄: {message}',
  'ci.threshold.error.not-in-run':
    '임계값 "{expr}": 이 지표는 {scenario} 시나리오에서 나오는데, 이번 실행에는 그 시나리오가 없습니다({scenarios}). 이번 실행에서 나오는 지표: {names}',
  'ci.threshold.error.mode-not-in-run': '임계값 "{expr}": {mode} 방식은 이번 실행에 없습니다({modes})',
  'ci.threshold.error.cluster':
    'cluster는 시나리오를 실행하지 않습니다. --threshold, --thresholds, --junit은 demo와 scenario에서 쓰십시오',
  'ci.status.passed': '통과',
  'ci.status.failed': '실패',
  'ci.status.missing': '측정 안 됨',
  'ci.unit.rps': '요청/초',
  'ci.unit.ms': 'ms',
  'ci.unit.micros': 'µs',
  'ci.unit.ops': '회',
  'ci.unit.bytes': '바이트',
  'ci.unit.s': '초',
  'ci.col.result': '결과',
  'ci.col.threshold': '임계값',
  'ci.col.measured': '측정값',
  'ci.col.figure': '지표',
  'ci.col.unit': '단위',
  'ci.col.better': '좋은 방향',
  'ci.col.demo-source': '데모 report.json (results[].scenarios.…)',
  'ci.col.audit-source': '감사 report.json',
  'ci.col.meaning': '의미',
  'ci.better.lower': '낮을수록 좋음',
  'ci.better.higher': '높을수록 좋음',
  'ci.better.none': '방향 없음',
  'ci.list.heading': '임계값과 비교에 쓸 수 있는 지표입니다(단위, 범위가 있는 지표는 중앙값을 씁니다):',
  'ci.list.labels': '레이블: {labels}. 예: relogin.failureRate{mode=memory,strategy=sticky} == 0',
  'ci.list.spread-unit': '{unit}, 중앙값 (.min/.max)',
  'ci.list.grammar':
    '임계값 형식: FIGURE[.min|.max]{label=value,…} OP NUMBER, OP는 < <= > >= == != 중 하나입니다.\n레이블이 없으면 그 지표가 있는 모든 실행이 통과해야 합니다.',
  'ci.usage.flags': `
임계값 (CI):
  --threshold 'EXPR'         지켜야 할 지표 조건, 예: 'load.p99Ms{mode=jwt} < 50' (여러 번 쓸 수 있습니다)
  --thresholds FILE          한 줄에 EXPR 하나, #은 주석입니다
  --junit FILE               JUnit XML, 임계값마다 테스트 케이스 하나
  --list-figures             임계값에 쓸 수 있는 지표 이름, 단위, 레이블을 보여 줍니다
  종료 코드: 0 모든 임계값 통과, 99 하나 이상 실패, 2 잘못된 사용법, 1 실행 자체가 실패`,
  'ci.figure.relogin.failureRate': '반복한 요청 가운데 거부되어 사용자가 다시 로그인해야 했던 비율(0–1)',
  'ci.figure.load.rps': '초당 요청 수(라운드 중앙값): 데모는 최대 속도, 감사는 고정 요청 속도에서 처리한 값',
  'ci.figure.load.p50Ms': '고정 요청 속도에서의 지연 시간 중앙값',
  'ci.figure.load.p99Ms': '고정 요청 속도에서의 99번째 백분위 지연 시간',
  'ci.figure.load.cpuMicrosPerRequest': '요청 하나당 노드 CPU 시간(모든 노드 프로세스의 CPU)',
  'ci.figure.load.storeOpsPerRequest': '요청 하나당 Redis 명령 수(저장소가 없으면 0)',
  'ci.figure.credential.bytes': '클라이언트가 보내는 자격 증명(쿠키 또는 베어러 토큰)의 크기',
  'ci.figure.credential.requestHeaderBytes': '자격 증명을 담은 요청 헤더의 크기',
  'ci.figure.logout.copyWorksSeconds': '로그아웃 전에 복사해 둔 자격 증명이 로그아웃 뒤에도 통하는 시간(초)',
  'ci.figure.theft.copyWorksSeconds': '사용자가 로그인한 채로 있을 때 훔친 자격 증명이 통하는 시간(초)',
  'ci.figure.forgeries.accepted': '앱이 받아들인 위조·변조 자격 증명 수(하나하나가 보안 문제입니다)',
  'ci.figure.forgeries.tried': '시도한 위조·변조 자격 증명 수',
  'ci.figure.nodeFailure.sessionsLost': '노드(복제본)가 죽었을 때 다시 로그인해야 했던 사용자 수',
  'ci.figure.nodeFailure.failedRequests': '노드(복제본)가 죽었을 때 실패한 요청 수',
  'ci.figure.storeFailure.failedRequests': '세션 저장소가 멈춘 동안 실패한 요청 수',
  'ci.figure.storeFailure.sessionsLost': '저장소가 돌아온 뒤 세션이 사라진 사용자 수',
  'ci.figure.storeFailure.secondsToRecover': '저장소가 돌아온 때부터 마지막 실패 요청까지의 시간(초)',
};
