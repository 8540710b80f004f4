/** 설치한 패키지의 `authscale` 명령(`npx authscale …`). */
export const bin = {
  'bin.usage': `authscale {version}: 로드 밸런서 뒤에서 세션과 토큰이 어떻게 동작하는지 측정한 숫자로 보여 줍니다

사용법: npx authscale <명령> [옵션]

명령:
{commands}

각 명령은 같은 이름의 npm 스크립트와 같은 옵션을 받습니다(authscale demo --quick = npm run demo -- --quick).
옵션 목록은 authscale <명령> --help로 볼 수 있습니다. 보고서는 --out DIR을 주지 않으면 ./reports/<시각>/에 저장합니다.
  --help                     이 도움말           --version      패키지 버전`,
  'bin.command.demo': '모든 방식과 모든 시나리오를 실행하고 요약표와 보고서를 만듭니다',
  'bin.command.scenario': '시나리오 하나만 실행합니다: authscale scenario NAME [옵션]',
  'bin.command.cluster': '클러스터를 시작해 계속 띄워 둡니다 (Ctrl-C로 멈춥니다)',
  'bin.command.classroom': '클러스터와 함께 실시간 수업용 콘솔을 엽니다',
  'bin.command.audit': '직접 만든 앱을 점검합니다: authscale audit --profile FILE',
  'bin.no-command': '명령을 주지 않았습니다',
  'bin.unknown-command': '알 수 없는 명령 "{text}"입니다. 다음 중 하나를 쓰십시오: {commands}',
} as const;
