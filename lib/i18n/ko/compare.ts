import type { compare as en } from '../en/compare.ts';

export const compare: Record<keyof typeof en, string> = {
  'compare.title': 'authscale: 두 보고서 비교',
  'compare.sources': 'A: {a} · B: {b}',
  'compare.col.figure': '지표',
  'compare.col.run': '실행',
  'compare.col.a': 'A',
  'compare.col.b': 'B',
  'compare.col.change': '변화',
  'compare.col.verdict': '판정',
  'compare.verdict.better': '좋아짐',
  'compare.verdict.worse': '나빠짐',
  'compare.verdict.no-clear-difference': '뚜렷한 차이 없음(범위가 겹침)',
  'compare.verdict.same': '같음',
  'compare.verdict.changed': '바뀜',
  'compare.one-value': '(값이 하나씩이라 잡음 범위를 모릅니다)',
  'compare.warning.heading': '두 보고서는 같은 조건에서 측정하지 않았습니다. 변화가 그 때문일 수 있습니다:',
  'compare.diff.kind': '보고서 종류: {a} 대 {b}',
  'compare.diff.cores': '코어 수: {a} 대 {b}',
  'compare.diff.cpu': 'CPU: {a} 대 {b}',
  'compare.diff.node': 'Node.js: {a} 대 {b}',
  'compare.diff.commit': 'authscale 커밋: {a} 대 {b}',
  'compare.diff.commit-unknown':
    'authscale 커밋: 둘 다 알 수 없습니다(git 체크아웃이 아님). 코드가 다를 수 있습니다',
  'compare.diff.quick': '--quick: {a} 대 {b}',
  'compare.only-a': 'A에만 있어 비교하지 않은 값: {names}',
  'compare.only-b': 'B에만 있어 비교하지 않은 값: {names}',
  'compare.legend':
    '범위가 있는 값은 번갈아 측정한 라운드의 중앙값(최솟값–최댓값)입니다. 범위가 겹치면 순위를 매기지 않습니다. ≥는 하한값입니다(관찰이 끝날 때까지 복사본이 계속 통했습니다). 변화는 A에 대한 B의 중앙값 변화입니다.',
  'compare.regression.found': '지표 {count}개가 잡음 범위를 넘어 {pct}% 넘게 나빠졌습니다: {names}',
  'compare.regression.none': '잡음 범위를 넘어 {pct}% 넘게 나빠진 지표는 없습니다.',
  'compare.written': '저장한 파일:',
  'compare.error.read': '파일을 읽을 수 없습니다: {file} ({reason})',
  'compare.error.not-json': '{file} 파일은 JSON이 아닙니다',
  'compare.error.not-report': '{file} 파일은 authscale report.json이 아닙니다(results[]도 audit도 없습니다)',
  'compare.error.args':
    'report.json 파일 두 개(A B)를 주거나, --check FILE과 --threshold, 또는 --history DIR, --list-figures 중 하나를 쓰십시오',
  'compare.error.pct':
    '--fail-on-regression에는 0 이상의 백분율을 주어야 합니다. "{text}" 값은 쓸 수 없습니다',
  'compare.error.no-thresholds': '--check에는 --threshold나 --thresholds FILE이 하나 이상 필요합니다',
  'compare.error.history-dir': '폴더를 읽을 수 없습니다: {dir} ({reason})',
  'compare.usage': `사용법:
  npm run compare -- A/report.json B/report.json [--fail-on-regression PCT] [--out DIR] [--lang en|ko]
      지표마다 A, B, 변화, 잡음을 고려한 판정을 보여 줍니다. 어떤 지표가 최솟값–최댓값 범위를
      넘어 PCT% 넘게 나빠지면 종료 코드 99로 끝납니다
  npm run compare -- --check report.json --threshold 'EXPR' [--thresholds FILE] [--junit FILE]
      이미 있는 보고서로 임계값을 확인합니다(0 통과, 99 실패, 2 측정 안 됨)
  npm run compare -- --history DIR [--out DIR]      지난 실행 목록과 추이 그래프 페이지
  npm run compare -- --list-figures [--markdown]    임계값에 쓸 수 있는 지표 이름`,
  'history.title': 'authscale: 지난 실행',
  'history.lead':
    '실행 {count}개, 오래된 것부터 보여 줍니다. 값은 중앙값입니다. 두 실행은 npm run compare로 비교하십시오.',
  'history.unreadable': '읽을 수 있는 report.json이 아니어서 뺀 폴더: {names}',
  'history.charts-in-html': '추이 그래프는 history.html에 있습니다.',
  'history.axis': '실행 (오래된 것 → 최근)',
  'history.col.date': '시작 시각(UTC)',
  'history.col.folder': '폴더',
  'history.col.runs': '실행',
  'history.col.thresholds': '통과한 임계값',
};
