import type { floor as en } from '../en/floor.ts';

/** 부하 절의 바닥값(floor): 저장소 왕복 비용과 authscale 자체 경로의 비용을 나누어 보여 줍니다. */
export const floor: Record<keyof typeof en, string> = {
  'report.floor.measured':
    '바닥값(floor)도 같은 회차에 측정했습니다. 같은 로드 밸런서 뒤의 프로세스 {nodes}개에서 아무 일도 하지 않는 라우트는 요청당 노드 CPU {none} µs를, 요청마다 Redis GET을 한 번 하는 라우트는 {redis} µs를 씁니다. 즉 이 환경에서 저장소 왕복 한 번의 CPU 비용은 {roundTrip} µs입니다.',
  'report.floor.measured-plain':
    '바닥값(floor)도 같은 회차에 측정했습니다. 같은 로드 밸런서 뒤의 프로세스 {nodes}개에서 아무 일도 하지 않는 라우트는 요청당 노드 CPU {none} µs를 씁니다.',
  'report.floor.store-run':
    '{run}: 요청당 {cpu} µs입니다. 이 중 저장소 왕복이 {roundTrip} µs이고, authscale 자체 경로가 그 위에 {extra} µs를 더합니다(GET 한 번짜리 바닥값: {floor} µs).',
  'report.floor.plain-run':
    '{run}: 요청당 {cpu} µs입니다. authscale 자체 경로가 빈 라우트({floor} µs)보다 {extra} µs를 더 씁니다.',
  'report.floor.store-run-same':
    '{run}: 요청당 {cpu} µs로, GET 한 번짜리 바닥값({floor} µs)보다 뚜렷하게 높지 않습니다(최소–최대 범위가 겹침). 이 환경에서 저장소 왕복 비용은 {roundTrip} µs이고, authscale 자체 경로가 더하는 비용은 이번 측정의 잡음과 구별되지 않습니다.',
  'report.floor.plain-run-same':
    '{run}: 요청당 {cpu} µs로, 빈 라우트({floor} µs)보다 뚜렷하게 높지 않습니다(최소–최대 범위가 겹침). authscale 자체 경로가 더하는 비용은 이번 측정의 잡음과 구별되지 않습니다.',
  'report.floor.skipped': '바닥값을 측정하지 못했습니다: {reason}.',
};
