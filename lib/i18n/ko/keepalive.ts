import type { keepalive as en } from '../en/keepalive.ts';

export const keepalive: Record<keyof typeof en, string> = {
  'report.scenario.keepalive': '연결 유지',
  'report.claim.keepalive.title': '메모리 세션이 “개발할 때는 잘 되던” 이유',
  'report.claim.keepalive.section': '차이점 3. 확장성',
  'report.claim.keepalive.quote':
    'request마다 내가 접속한 서버가 달라질 수 있다. session에 정보가 없는 다른 서버에 접속할 때 마다 계속 로그인 해줘야 합니다.',
  'report.claim.keepalive.explanation':
    'L4 로드 밸런서나 쿠버네티스 서비스는 요청마다가 아니라 TCP 연결마다 노드를 고릅니다. 같은 사용자가 같은 메모리 세션 노드에 세 가지 방식으로 접속합니다. 연결별 로드 밸런서를 거치며 연결 하나를 계속 유지하는 경우, 같은 로드 밸런서에서 몇 번의 요청마다 연결을 새로 여는 경우, 그리고 요청마다 노드를 고르는 이 실행의 로드 밸런서를 거치는 경우입니다.',
  'keepalive.col.balancing': '분산 방식',
  'keepalive.col.expected': '예상값(이 줄의 이론값)',
  'keepalive.col.connections': '연결 (연 횟수)',
  'keepalive.line.kept': '하나를 계속 유지',
  'keepalive.axis.kept': '연결별, 연결 유지',
  'keepalive.axis.reopened': '연결별, {k}번마다 새 연결',
  'keepalive.axis.per-request': '요청별',
  'keepalive.line.reopened': '요청 {k}번마다 새로 열기',
  'keepalive.note.why':
    '개발할 때 잘 되던 이유: 브라우저와 HTTP 클라이언트는 연결을 유지하므로, 짧은 테스트의 모든 요청이 세션을 만든 노드에 도착합니다. 하지만 연결은 오래 가지 않습니다. 유휴 시간 초과, 연결 수 제한, 재시작된 파드, 두 번째 탭 때문에 연결이 새로 열리면 세션을 가진 노드에 도착할 확률은 N번에 1번뿐이고, 실패는 이론이 예측한 비율 가까이 나타납니다.',
  'keepalive.skip.target':
    '내장 런처가 필요합니다. 노드 앞에 연결별 로드 밸런서를 따로 세우는데, --target 으로는 그렇게 할 수 없습니다',
};
