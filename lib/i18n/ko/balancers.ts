import type { balancers as en } from '../en/balancers.ts';

/** `balancers` 시나리오: authscale, HAProxy, nginx 뒤에서 같은 재로그인 수치가 나오는지 봅니다. */
export const balancers: Record<keyof typeof en, string> = {
  'report.scenario.balancers': '로드 밸런서 비교',
  'report.claim.balancers.title': 'HAProxy와 nginx 뒤에서도 똑같이 실패합니다',
  'report.claim.balancers.section': '차이점 3. 확장성',
  'report.claim.balancers.quote':
    'request마다 내가 접속한 서버가 달라질 수 있다. session에 정보가 없는 다른 서버에 접속할 때 마다 계속 로그인 해줘야 합니다.',
  'report.claim.balancers.explanation':
    '재로그인 실패가 authscale 자체 로드 밸런서 때문에 생기는 것은 아닐까요? 같은 메모리 세션 노드 앞에 authscale 로드 밸런서, 실제 HAProxy, 실제 nginx를 차례로 두고, 각각 라운드 로빈과 스티키 세션으로 설정합니다. 매번 새 사용자가 로그인해 같은 요청을 보냅니다.',
  'balancers.col.balancer': '로드 밸런서',
  'balancers.col.strategy': '분배 방식',
  'balancers.note.agree':
    '{kinds} 뒤에서 측정한 실패율이 모두 표본 오차(표준 오차의 3배) 안에서 이론값과 맞습니다. 라운드 로빈은 약 (N-1)/N, 스티키 세션은 0입니다.',
  'balancers.note.differ':
    '{kinds} 뒤에서 측정한 실패율 중 적어도 하나가 표본 오차(표준 오차의 3배)로 설명할 수 있는 것보다 이론값에서 멀리 떨어져 있습니다. “응답한 노드” 열에서 요청이 고르게 나뉘었는지 확인하십시오.',
  'balancers.note.why':
    '실패는 앞에 놓인 소프트웨어가 아니라 세션이 어디에 저장되는지에서 생깁니다. 요청마다 분배하는 로드 밸런서라면 어떤 제품이든 한 사용자의 요청을 세션을 공유하지 않는 여러 노드로 보내고, 스티키 세션 로드 밸런서라면 어떤 제품이든 세션이 있는 노드로만 보냅니다.',
  'balancers.skip.not-on-path': '{kind}: 이 컴퓨터에 설치되어 있지 않습니다. 설치 명령: {install}',
  'balancers.skip.target':
    '내장 실행기가 필요합니다. 노드 앞에 HAProxy와 nginx를 직접 띄워야 하는데 --target으로는 그렇게 할 수 없습니다.',
};
