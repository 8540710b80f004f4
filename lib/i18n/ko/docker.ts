import type { docker as en } from '../en/docker.ts';

export const docker: Record<keyof typeof en, string> = {
  'docker.secret.created': 'secrets: {file}을(를) 새로 만들었습니다 (무작위 32바이트).',
  'docker.secret.kept': 'secrets: 기존 {file}을(를) 그대로 사용합니다.',
  'docker.reports.notWritable':
    '보고서 디렉터리 {dir}에 uid {uid} gid {gid}(으)로 쓸 수 없습니다 ({reason}). 아무것도 실행하지 않았습니다. ' +
    'docker compose에서는 디렉터리 소유자로 실행하십시오: HOST_UID=$(id -u) HOST_GID=$(id -g).',
};
