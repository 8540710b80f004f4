import type { audit as en } from '../en/audit.ts';

/** `npm run audit`(내 앱 감사)의 터미널, report.md, report.html 한국어 문구입니다. */
export const audit: Record<keyof typeof en, string> = {
  'audit.title': 'authscale 감사: {profile}',
  'audit.meta.setup': '{balancer}({strategy}) 뒤의 복제본 {replicas}개, {started}',
  'audit.meta.started.command': 'authscale가 app.command로 복제본을 직접 띄웠습니다',
  'audit.meta.started.targets':
    '직접 운영 중인 복제본(app.targets)입니다. 복제본을 죽이지 않았고 CPU도 측정하지 않았습니다',
  'audit.meta.when': '{startedAt}에 시작해 {seconds}초 걸렸습니다{quick}',
  'audit.meta.quick': ' (--quick: 관찰 시간을 줄이고 요청 수를 줄였습니다)',
  'audit.meta.machine': '코어 {cores}개, 부하 평균은 시작 전 {before}, 종료 후 {after}(최고 {peak})입니다',
  'audit.meta.load-warning':
    '부하 평균이 코어 수를 넘었습니다. 다른 작업이 앱과 CPU를 다퉜으므로 시간 수치는 흔들립니다(요청당 비용은 훨씬 덜 흔들립니다).',
  'audit.balancer.builtin': 'authscale 로드 밸런서',
  'audit.balancer.haproxy': 'HAProxy 로드 밸런서',
  'audit.balancer.nginx': 'nginx 로드 밸런서',

  'audit.verdict.title': '판정',
  'audit.verdict.forgery':
    '위조한 자격 증명이 통과했습니다: {names}. 비밀번호 없이 누구나 만들 수 있으므로 무엇보다 먼저 고쳐야 합니다.',
  'audit.verdict.no-forgery': '위조한 자격 증명 {count}개 가운데 통과한 것은 없습니다.',
  'audit.verdict.scale-unsafe':
    '라운드 로빈 뒤로 확장하면 안전하지 않습니다: 요청의 {rate}가 로그아웃 상태로 응답받았습니다(복제본마다 자기 세션만 가지고 있다면 예상값은 {expected}). 세션을 공유 저장소(예: Redis)에 두거나, 스티키 세션으로 사용자를 고정하되 복제본이 죽으면 그 세션도 사라진다는 점을 받아들여야 합니다.',
  'audit.verdict.scale-safe':
    '라운드 로빈 뒤로 확장해도 안전합니다: 요청 {requests}개 중 {rate}만 로그아웃 상태로 응답받았습니다. 세션을 공유하거나 클라이언트가 들고 다닙니다.',
  'audit.verdict.scale-hidden':
    '{strategy} 뒤에서는 요청 {requests}개 중 {rate}만 로그아웃 상태로 응답받았지만, 복제본에 직접 물어보면 세션마다 한 복제본만 알고 있습니다. 고정(affinity)이 문제를 가리고 있을 뿐입니다. 복제본이 죽거나 라운드 로빈으로 바꾸면 그 사용자들은 로그아웃됩니다. 세션을 공유 저장소에 두십시오.',
  'audit.verdict.scale-other':
    '{strategy} 뒤에서 요청 {requests}개 중 {rate}가 로그아웃 상태로 응답받았고, 모든 복제본이 모든 세션을 압니다. 고정(affinity)에 기대지 않습니다.',
  'audit.verdict.one-replica':
    '복제본이 하나뿐이라 확장은 시험하지 않았습니다. --replicas 2 이상으로 실행하십시오.',
  'audit.verdict.logout-revokes':
    '로그아웃이 자격 증명을 폐기합니다: 로그아웃 전에 떠 둔 복사본이 {seconds}초 안에 막혔습니다.',
  'audit.verdict.logout-stays':
    '로그아웃이 자격 증명을 폐기하지 않습니다: 로그아웃 전에 떠 둔 복사본이 {seconds}초 뒤(관찰 끝)에도 통했습니다. 로그아웃은 클라이언트 쪽만 지우므로, 훔친 복사본은 만료될 때까지 살아 있습니다.',
  'audit.verdict.logout-missed':
    '로그아웃이 세션을 끝내지 못했습니다: 세션은 {login}에 있는데 로드 밸런서가 로그아웃 요청을 그 세션을 모르는 {logout}로 보냈습니다. 복사본이 {seconds}초 뒤에도 통했습니다. 복제본마다 세션을 따로 두면 로그아웃이 운에 달리게 됩니다.',
  'audit.verdict.logout-partly':
    '로그아웃이 늦게 반영됩니다: 로그아웃 전에 떠 둔 복사본이 로그아웃 후 {seconds}초 동안 통했습니다.',
  'audit.verdict.no-logout': '프로필에 로그아웃이 없어 폐기는 측정하지 않았습니다.',
  'audit.verdict.theft': '사용자가 로그인한 채로 있는 동안 훔친 복사본은 {seconds}초 동안 통했습니다{still}.',
  'audit.verdict.theft-still': '(관찰이 끝날 때까지 계속)',
  'audit.verdict.client-side':
    '자격 증명이 사용자 데이터를 직접 담고 있습니다({decoded}). 어느 복제본이든 읽을 수 있지만, 만료 전에는 서버가 끝낼 방법이 없습니다.',
  'audit.verdict.cost':
    '비용: 요청마다 자격 증명 {bytes}바이트, {cpu}, 초당 {rate}개 요청에서 p99 {p99} ms입니다.',
  'audit.verdict.cost-cpu': '복제본에서 요청당 CPU {cpu} µs',
  'audit.verdict.cost-no-cpu': 'CPU는 측정하지 않음(authscale가 띄운 복제본이 아님)',
  'audit.verdict.replica-lost':
    '{replica}가 죽자 사용자 {users}명 중 {lost}명이 세션을 잃었고 요청 {failed}개가 실패했습니다.',
  'audit.verdict.replica-exit':
    '{replica}가 {seconds}초 뒤 스스로 종료했습니다({how}). 그 뒤의 수치에는 이 복제본이 빠져 있습니다.',

  'audit.how.measured': '측정값',
  'audit.how.derived': '설정에서 계산한 값',
  'audit.col.replica': '복제본',
  'audit.col.ok': '로그인 상태',
  'audit.col.failed': '로그아웃 상태',
  'audit.col.figure': '항목',
  'audit.col.value': '값',
  'audit.col.forgery': '위조',
  'audit.col.tries': '시도',
  'audit.col.outcome': '결과',
  'audit.col.status': '상태 코드',
  'audit.col.copy': '복사본',
  'audit.col.works': '통한 시간',
  'audit.col.end': '관찰 끝에도 통함',
  'audit.col.t': '초',
  'audit.col.median': '중앙값',
  'audit.col.range': '최소–최대',
  'audit.yes': '예',
  'audit.no': '아니요',
  'audit.none': '없음',

  'audit.relogin.title': '확장: 라운드 로빈에서도 세션이 유지됩니까?',
  'audit.relogin.theory':
    '사용자들이 로드 밸런서를 거쳐 로그인한 뒤 {poll} 요청을 반복합니다. 복제본마다 세션을 자기 메모리에만 둔다면 로그인을 처리한 복제본만 그 세션을 압니다. 라운드 로빈에서는 요청의 (N-1)/N이 실패합니다. 공유 저장소를 쓰거나 자격 증명이 데이터를 직접 담고 있다면 실패는 0입니다.',
  'audit.relogin.summary':
    '요청 {requests}개 중 {failed}개가 로그아웃 상태였습니다({rate}). 복제본별 상태라면 {expected}입니다.',
  'audit.relogin.direct':
    '이어서 복제본에 직접 물어보니 세션 {sessions}개 중 {all}개는 모든 복제본이 알았고 {one}개는 한 복제본만 알았습니다.',
  'audit.relogin.verdict.per-replica-state': '판정: 복제본마다 따로 상태를 가집니다.',
  'audit.relogin.verdict.shared-or-client-side': '판정: 상태를 공유하거나 클라이언트가 가집니다.',

  'audit.credential.title': '자격 증명: 클라이언트가 들고 있는 것',
  'audit.credential.theory':
    '로그인이 클라이언트에 건네고, 요청마다 되돌아오는 값입니다. JWT나 서명된 쿠키 세션은 사용자 데이터를 직접 담습니다(어느 복제본이든 읽을 수 있지만 서버에서 끝낼 수 없습니다). 불투명한 ID라면 데이터는 서버에 남고, ID는 추측할 수 없어야 합니다(OWASP: 엔트로피 64비트 이상).',
  'audit.credential.kind': '종류',
  'audit.credential.kind.cookie': '쿠키',
  'audit.credential.kind.header': '요청 헤더',
  'audit.credential.names': '이름',
  'audit.credential.bytes': '요청당 바이트',
  'audit.credential.http-only': 'HttpOnly(스크립트가 읽을 수 없음)',
  'audit.credential.secure': 'Secure(HTTPS에서만 전송)',
  'audit.credential.same-site': 'SameSite 속성',
  'audit.credential.max-age': '유효 기간(Max-Age / Expires)',
  'audit.credential.session-cookie': '브라우저를 닫을 때까지',
  'audit.credential.jwt-header': 'JWT 헤더',
  'audit.credential.jwt-claims': 'JWT 클레임',
  'audit.credential.jwt-lifetime': 'JWT 수명(exp − iat)',
  'audit.credential.client-side': '클라이언트 측 세션',
  'audit.credential.client-side.yes':
    '예: 자격 증명이 사용자 데이터를 직접 담습니다({decoded}). 로그아웃으로 되돌릴 수 없습니다',
  'audit.credential.client-side.no': '아니요: 서버가 조회하는 불투명한 ID입니다',
  'audit.credential.opaque': '불투명한 ID',
  'audit.credential.opaque-bits': '{length}자, 약 {bits}비트(문자 종류로 추정한 값이므로 상한입니다)',
  'audit.credential.weak-id': '64비트보다 작습니다. 공격자가 살아 있는 세션 ID를 추측할 수 있습니다.',
  'audit.credential.header-note':
    '헤더로 보내는 자격 증명은 페이지 스크립트가 들고 있습니다. HttpOnly가 적용되지 않으므로 XSS가 읽을 수 있습니다.',
  'audit.credential.seconds': '{seconds}초',

  'audit.revocation.title': '로그아웃과 탈취: 복사한 자격 증명은 얼마나 오래 통합니까?',
  'audit.revocation.theory':
    '로그아웃 전에 자격 증명을 복사해 두었다가, 로그아웃 뒤에 모든 복제본에 1초마다 다시 보냅니다. 어느 복제본도 받아 주지 않거나 관찰 시간({window}초)이 끝나면 멈춥니다. 사용자가 로그인한 채로 있는 동안 떠 둔 복사본(탈취)도 똑같이 시험합니다. 서버 측 세션은 둘 다 바로 끝낼 수 있지만, 스스로 완결된 자격 증명은 만료될 때까지 통합니다.',
  'audit.revocation.logout': '로그아웃 전에 떠 둔 복사본',
  'audit.revocation.theft': '탈취한 복사본(사용자는 로그인 유지)',
  'audit.revocation.logout-status': '로그아웃 요청은 {status}로 응답받았습니다.',
  'audit.revocation.skipped.no-logout': '측정하지 않음: 프로필에 로그아웃이 없습니다',

  'audit.forgeries.title': '위조한 자격 증명',
  'audit.forgeries.theory':
    '자격 증명에 맞는 위조를 만들어 모든 복제본에 보냅니다. JWT에는 RFC 8725의 공격(alg none, 서명 제거, 진짜 서명에 페이로드만 변경, 다른 키로 서명, 진짜 키로 서명했지만 만료)을, 쿠키와 불투명한 토큰에는 값 변경과 잘라 내기를 시도합니다. 모두 거부되어야 합니다.',
  'audit.forgeries.accepted': '✗ 통과',
  'audit.forgeries.refused': '✓ 거부',
  'audit.forgeries.skipped.key-unknown': '시도하지 않음: 서명 키가 app.env에 없습니다',
  'audit.forgeries.none': '자격 증명에 위조할 값이 없습니다.',
  'audit.forgery.alg-none': 'alg: none(서명 없는 토큰)',
  'audit.forgery.signature-stripped': '서명 제거',
  'audit.forgery.payload-tampered': '페이로드를 다른 사용자로 변경, 진짜 서명 유지',
  'audit.forgery.wrong-key': '다른 키로 서명',
  'audit.forgery.expired': '진짜 키로 서명, 한 시간 전에 만료',
  'audit.forgery.cookie-flipped': '쿠키: 서명 한 글자 변경',
  'audit.forgery.cookie-truncated': '쿠키: 마지막 4글자 잘라 냄',
  'audit.forgery.token-flipped': '토큰: 한 글자 변경',
  'audit.forgery.token-truncated': '토큰: 마지막 4글자 잘라 냄',

  'audit.failure.title': '복제본 하나가 죽을 때',
  'audit.failure.theory':
    '사용자들이 로드 밸런서를 거쳐 요청을 계속 보내는 동안 복제본 하나에 SIGKILL을 보냅니다(컨테이너가 죽듯 프로세스 그룹 전체). 그 복제본에만 있던 세션은 사라지고, 처리 중이던 요청이나 로드 밸런서가 알아채기 전에 보낸 요청은 실패합니다.',
  'audit.failure.summary':
    '{replica}를 {at}초에 죽였습니다: 세션 {users}개 중 {lost}개 유실, 요청 {failed}개 실패(응답 없음 또는 5xx), 죽인 뒤 로그아웃 상태 응답 {loggedOut}개(전체 {requests}개).',
  'audit.failure.skipped.targets': '측정하지 않음: 직접 운영 중인 복제본은 죽이지 않습니다',
  'audit.failure.skipped.one-replica': '측정하지 않음: 복제본이 하나입니다',
  'audit.failure.killed': '← 종료',

  'audit.failure.lane': '보호된 요청',
  'audit.failure.killed-label': '{replica} 종료',

  'audit.load.title': '부하: 요청당 비용',
  'audit.load.theory':
    '{poll} 요청을 고정된 속도(초당 {rate}개, 연결 {connections}개)로 {seconds}초씩 {rounds}회 보냅니다. 지연 시간은 각 요청을 보내야 했던 시각부터 잽니다. 요청당 CPU µs는 복제본 프로세스 트리의 CPU 시간(/proc, 언어와 무관)을 요청 수로 나눈 값으로, 초당 요청 수보다 다른 작업의 영향을 훨씬 덜 받습니다. 회차별 값의 중앙값과 최소–최대입니다.',
  'audit.load.rps': '달성한 초당 요청 수',
  'audit.load.p50': 'p50 지연(ms)',
  'audit.load.p99': 'p99 지연(ms)',
  'audit.load.cpu': '요청당 CPU µs(복제본)',
  'audit.load.cpu-none': '측정하지 않음(직접 운영 중인 복제본)',
  'audit.load.errors':
    '요청 {requests}개 중 오류 {errors}개, 2xx가 아닌 응답 {non2xx}개(로그아웃 상태 응답 포함).',

  'audit.exits.title': '스스로 종료한 복제본',

  'audit.cli.step.start': '복제본과 로드 밸런서를 띄우는 중…',
  'audit.cli.step.relogin': '확장: 사용자가 로그인하고 보호된 요청을 반복하는 중…',
  'audit.cli.step.credential': '자격 증명을 살펴보는 중…',
  'audit.cli.step.forgeries': '위조한 자격 증명을 시도하는 중…',
  'audit.cli.step.revocation': '로그아웃과 탈취: 복사본을 {seconds}초 동안 다시 보내는 중…',
  'audit.cli.step.load': '부하: 고정 속도로 여러 회차 측정하는 중…',
  'audit.cli.step.replica-failure': '실행 도중 복제본 하나를 죽이는 중…',
  'audit.cli.reports': '보고서:',
  'audit.cli.error': '오류: {message}',
  'audit.cli.usage': `사용법:
  npm run audit -- --profile FILE [옵션]

옵션:
  --profile FILE             감사할 앱(YAML 또는 JSON, docs/audit.md 참고)
  --replicas N               app.command로 띄울 복제본 수(기본 3)
  --strategy S               {strategies}(기본 round-robin)
  --balancer B               builtin | haproxy | nginx(기본 builtin)
  --quick                    폐기 관찰 시간을 120초 대신 30초로, 요청 수를 줄임
  --ready-timeout S          복제본이 준비될 때까지 기다리는 초(기본 60)
  --threshold 'EXPR'         예: 'relogin.failureRate < 0.1'(여러 번 가능, 이름은 --list-figures로 확인)
  --thresholds FILE          한 줄에 EXPR 하나
  --no-default-thresholds    기본 임계값 forgeries.accepted == 0을 빼기
  --junit FILE               임계값마다 testcase 하나인 JUnit XML
  --lang en|ko               터미널, report.md, report.html의 언어(현재: {lang})
  --out DIR                  보고서 디렉터리(기본 reports/audit-<시각>)
  --json                     판정 대신 report.json 출력

종료 코드: 0 완료, 99 임계값 실패(기본: 위조 통과), 2 잘못된 옵션이나 프로필, 1 실행 실패`,
  'audit.error.unknown-field': '{path}: 알 수 없는 필드입니다',
  'audit.error.one-of': '{path}: {values} 가운데 하나여야 합니다',
  'audit.error.missing': '{path}: {type} 값이 필요합니다(빠져 있음)',
  'audit.error.type': '{path}: {type} 값이 필요한데 {got}입니다',
  'audit.error.too-few': '{path}: 항목이 {minimum}개 이상 필요합니다',
  'audit.error.too-short': '{path}: {minimum}자 이상이어야 합니다',
  'audit.error.other': '{path}: {message}',
  'audit.error.placeholder': '{path}: 알 수 없는 자리 표시자 {placeholder}',
  'audit.error.env': '{path}: 환경 변수 {name}가 설정되지 않았습니다',
  'audit.error.unreadable': '{file}: 읽을 수 없습니다({reason})',
  'audit.error.unparsable': '{file}: 올바른 YAML이나 JSON이 아닙니다({reason})',
  'audit.error.not-ready-http':
    '{replica}가 {seconds}초 안에 준비되지 않았습니다(GET {path}가 500 미만으로 응답하기를 기다림). 마지막 출력:{output}',
  'audit.error.not-ready-tcp':
    '{replica}가 {seconds}초 안에 준비되지 않았습니다(포트 {port}에 TCP 연결을 기다림). 마지막 출력:{output}',
  'audit.error.exited': '{replica}가 시작 중에 종료했습니다({how}). 마지막 출력:{output}',
  'audit.error.login': '{user}로 로그인 실패: {request} → 상태 코드 {status}: {excerpt}',
  'audit.error.login-unverified':
    '{user}로 로그인 실패: {request} → 상태 코드 {status}, 이어서 GET {poll}이 로그인 상태가 아니었습니다(상태 코드 {pollStatus}): {excerpt}',
  'audit.error.login-placeholder':
    '{user}로 로그인 실패: {request} → 상태 코드 {status}, 그러나 {reason}: {excerpt}',
  'audit.error.poll-open':
    'verification.pollUrl: 자격 증명 없이 보낸 GET {poll}이 {status}로 응답해 로그인 상태로 판정됩니다. 로그인한 페이지에만 나오는 내용을 verification.loggedInRegex로 지정하십시오',
  'audit.error.nginx-sticky':
    'nginx로는 앱에 스티키 세션을 걸 수 없습니다. nginx OSS에는 자체 쿠키 고정 기능이 없으므로 --balancer haproxy나 builtin을 쓰십시오',
  'audit.error.balancer': '{balancer}를 여기서 실행할 수 없습니다: {reason}',
  'audit.error.interrupted': '중지 신호로 중단했습니다. 모든 복제본을 멈췄습니다',
  'audit.schema.path': '{path}: "/"로 시작하는 경로여야 합니다',
  'audit.schema.env-name': '{path}: 환경 변수 이름이어야 합니다',
  'audit.schema.regex': '{path}: 올바른 정규 표현식이어야 합니다',
  'audit.schema.url': '{path}: http:// URL이어야 합니다',
  'audit.schema.command-or-targets':
    '{path}: "command"(authscale가 띄우는 복제본)와 "targets"(직접 운영하는 복제본) 가운데 정확히 하나가 필요합니다',
  'audit.schema.headers-needed': '{path}: method가 "headers"이면 "headers"에 항목이 하나 이상 필요합니다',
  'audit.cli.error.flag': '--{flag}에는 {what}가 필요한데 "{text}"를 받았습니다',
  'audit.cli.error.unknown-flag': '알 수 없는 옵션 "{text}"',
  'audit.cli.error.no-profile': '--profile FILE이 필요합니다',
  'audit.cli.error.profile': '프로필 {file}:\n{details}',
};
