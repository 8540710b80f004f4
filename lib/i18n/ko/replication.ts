import type { replication as en } from '../en/replication.ts';

/** 14단계: 복제된 세션 저장소(프라이머리, 레플리카, 센티널)와 장애 조치(페일오버). */
export const replication: Record<keyof typeof en, string> = {
  'console.step.stopping-primary': '프라이머리를 중지하고 장애 조치 시간을 잽니다',
  'console.step.rejoining-replica': '이전 프라이머리를 레플리카로 다시 시작합니다',
  'console.lesson.setup.sentinel': '센티널(Sentinel)',
  'console.lesson.action.stopPrimary': '프라이머리 중지',
  'console.lesson.14.title': '복제된 저장소: Sentinel 장애 조치',
  'console.lesson.14.quote': '하지만 만일을 대비해 서버를 복제해야한다.',
  'console.lesson.14.watch':
    'Redis가 프라이머리 하나, 레플리카 하나, 센티널 셋으로 동작합니다. 프라이머리를 중지하면 센티널들이 장애에 합의하고 레플리카를 승격하며, 노드들이 이를 따라갑니다. 얼마나 걸리는지, 다시 로그인해야 했던 사용자가 있는지 보십시오.',
  'console.lesson.14.note':
    '복제는 비동기입니다. 프라이머리가 멈추기 직전에 기록된 세션은 사라질 수 있습니다.',
  'console.replication.role.primary': '프라이머리 ✓',
  'console.replication.role.replica': '레플리카 ✓',
  'console.replication.role.down': '중지됨 ✗',
  'console.figure.replication': 'Redis {instances} · 센티널 {up}/{total} 응답',
  'console.figure.failover.waiting':
    '프라이머리 :{port} 를 {seconds}초 전에 중지했습니다. 센티널이 레플리카를 승격하기를 기다립니다…',
  'console.figure.failover.done':
    '장애 조치: :{promoted} 승격, {write}초 뒤부터 쓰기 가능. 중지 전에 만든 세션은 {session}초 뒤 다시 동작했습니다 (측정값) · 재로그인한 사용자 요청: {unknown}',
  'console.figure.failover.sessionLost':
    '장애 조치: :{promoted} 승격, {write}초 뒤부터 쓰기 가능 (측정값). 중지 전에 기록된 세션은 사라졌습니다 (비동기 복제) · 재로그인한 사용자 요청: {unknown}',
  'console.figure.failover.failed': '{seconds}초 안에 쓰기를 받는 새 프라이머리가 없었습니다',
  'console.figure.failover.rejoined': '이전 프라이머리 :{port} 가 레플리카로 돌아왔습니다',
};
