import type { errors as en } from '../en/errors.ts';

/** 오류 코드마다 그 뜻을 설명합니다 (lib/error-codes.ts 가 키를 지정합니다). */
export const errors: Record<keyof typeof en, string> = {
  'error.badRequest': '요청 형식이 잘못되었거나 필드가 빠졌거나 올바르지 않습니다.',
  'error.unknownAction': '콘솔이 알지 못하는 제어 동작입니다.',
  'error.unknownNode': '이 클러스터에는 그런 id 의 노드가 없습니다.',
  'error.noCredentials': '세션 쿠키도 액세스 토큰도 보내지 않았습니다. 먼저 로그인하십시오.',
  'error.invalidCredentials': '없는 사용자이거나 비밀번호가 틀렸습니다 (어느 경우든 같은 응답입니다).',
  'error.sessionUnknown':
    '이 노드는 그 세션 id 를 본 적이 없습니다. 메모리 세션에서 로드 밸런서가 요청을 다른 노드로 보낸 경우이며, 이 프로젝트가 세는 확장 실패입니다.',
  'error.sessionExpired': '세션이 만료되었습니다. 다시 로그인하십시오.',
  'error.sessionInvalid': '세션 쿠키의 서명이 맞지 않습니다 (위조되었거나 손상된 쿠키).',
  'error.tokenInvalid':
    '액세스 토큰의 형식이 잘못되었거나, 다른 키로 서명되었거나, 클레임이 올바르지 않습니다.',
  'error.tokenExpired': '액세스 토큰이 만료되었습니다. 갱신하십시오.',
  'error.tokenRevoked': '액세스 토큰이 폐기되었습니다 (로그아웃 또는 리프레시 토큰 재사용 감지).',
  'error.refreshReused':
    '리프레시 토큰이 두 번 사용되었습니다. 그 토큰 계열 전체가 폐기되므로 다시 로그인해야 합니다.',
  'error.crossSite': '교차 사이트 요청을 거부했습니다 (Sec-Fetch-Site 또는 다른 Origin).',
  'error.forbidden':
    '관리자 또는 제어 토큰이 없거나 틀렸습니다. 또는 로드 밸런서를 거쳐 관리자 경로에 접근했습니다.',
  'error.notFound': '그런 경로가 없습니다.',
  'error.methodNotAllowed': '로드 밸런서 자체 경로는 GET 만 받습니다.',
  'error.requestTimeout': '요청 헤더나 본문이 제시간에 도착하지 않아 연결을 닫았습니다.',
  'error.busy': '콘솔이 아직 다른 변경을 적용하고 있습니다. 끝난 뒤 다시 시도하십시오.',
  'error.noStore': '이 모드는 Redis 가 필요한데 사용할 수 있는 Redis 가 없습니다.',
  'error.bodyTooLarge': '요청 본문이 너무 큽니다.',
  'error.unsupportedMediaType': '요청 본문은 JSON 이어야 합니다 (content-type: application/json).',
  'error.rateLimited':
    '요청이 너무 많습니다 (노드의 로그인 시도, 콘솔로 보내는 휴대폰의 보고). Retry-After 초만큼 기다리십시오.',
  'error.tooManyConnections': '이 주소에서 연 연결이 너무 많습니다.',
  'error.headersTooLarge': '요청 헤더가 너무 큽니다.',
  'error.internal': '버그입니다. 서버 로그에 남기며, 스택 트레이스를 응답으로 보내지 않습니다.',
  'error.upstreamUnavailable': '로드 밸런서가 고른 노드가 응답하지 못했습니다.',
  'error.storeUnavailable': '세션 저장소(Redis)에 연결할 수 없습니다. Retry-After 초 뒤에 다시 시도하십시오.',
  'error.loginBusy': '지금 확인 중인 로그인이 너무 많습니다. 1초 뒤에 다시 시도하십시오.',
  'error.noHealthyUpstream': '로드 밸런서가 요청을 보낼 정상 노드가 없습니다.',
  'error.tooManyEventClients': '열린 /__lb/events 스트림이 너무 많습니다.',
  'error.tooManyClients': '동시에 열린 콘솔 페이지가 너무 많습니다.',
  'error.clusterRestarting': '콘솔이 클러스터를 다시 시작하는 중이라 다시 올라올 때까지 요청을 거부합니다.',
  'error.balancerUnreachable': '콘솔이 로드 밸런서에 연결하지 못했습니다.',
  'error.upstreamTimeout': '노드가 로드 밸런서에 제시간에 응답하지 않았습니다.',
  'error.noResponse': 'HTTP 응답이 전혀 없었습니다 (연결 거부 또는 재설정).',
  'error.applyFailed': '콘솔의 변경 적용이 실패했습니다. 메시지에 이유가 있습니다.',
  'error.badName': '학생 이름은 보이는 문자 1~24자여야 합니다.',
  'error.unknownStudent': '콘솔이 이 학생을 (더 이상) 알지 못합니다. 다시 참여하십시오.',
  'error.classFull': '수업 인원이 가득 찼습니다. 동시에 최대 200명까지입니다.',
  'error.joinLimit': '이 네트워크 주소에서 참여한 학생이 너무 많습니다. 다른 기기에서 먼저 나가십시오.',
};
