#!/usr/bin/env bash
# `npm run test:compose`: docker-compose.yml end to end on a real Docker engine.
#
# 1. Installs docker.io, docker-compose and debootstrap when missing (Debian, as root).
# 2. Uses the running Docker engine, or starts dockerd and stops it again at the end.
# 3. Makes the base images available (docker/base-images.sh: local, else stand-ins).
# 4. Builds authscale:local (NODE_EXTRA_CA_CERTS, when set, goes in as a BuildKit secret).
# 5. Runs test/deploy/compose/*.e2e.ts (vitest.compose.config.ts), which brings the stacks up and down.
#
# When no engine can be had, it prints why in a banner and exits 77 (skipped — never a pass);
# .ci/run reports that and carries on. Any other non-zero exit is a failure.
set -euo pipefail
cd "$(dirname "$0")/.."

SKIP=77
started_dockerd=
dockerd_log=$(mktemp /tmp/authscale-dockerd.XXXXXX)

say() { printf 'compose-test: %s\n' "$*" >&2; }
skip() {
  printf '\n%s\n' "=====================================================================" >&2
  printf 'COMPOSE TEST SKIPPED — NOT RUN: %s\n' "$*" >&2
  printf '%s\n\n' "=====================================================================" >&2
  exit "$SKIP"
}

stop_dockerd() {
  [[ -n $started_dockerd ]] || return 0
  say "stopping the dockerd this test started (pid $started_dockerd)"
  kill -TERM "$started_dockerd" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$started_dockerd" 2>/dev/null || break; sleep 0.5; done
  kill -0 "$started_dockerd" 2>/dev/null && kill -KILL "$started_dockerd" 2>/dev/null
  started_dockerd=
}
# The e2e test removes what it made itself; this is the backstop for a killed test run.
remove_stack() {
  [[ -n ${AUTHSCALE_COMPOSE_PROJECT:-} ]] && docker info >/dev/null 2>&1 || return 0
  $AUTHSCALE_COMPOSE_CMD -p "$AUTHSCALE_COMPOSE_PROJECT" -f docker-compose.yml -f docker-compose.sentinel.yml \
    --profile scenarios down -v --remove-orphans -t 5 >/dev/null 2>&1 || true
}
cleanup() {
  local status=$?
  remove_stack
  stop_dockerd
  rm -f "$dockerd_log"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

install_missing() {
  local missing=()
  command -v docker >/dev/null || missing+=(docker.io)
  command -v dockerd >/dev/null || missing+=(docker.io)
  command -v docker-compose >/dev/null || docker compose version >/dev/null 2>&1 || missing+=(docker-compose)
  command -v debootstrap >/dev/null || missing+=(debootstrap)
  ((${#missing[@]} == 0)) && return 0
  if [[ $(id -u) != 0 ]] || ! command -v apt-get >/dev/null; then
    skip "missing ${missing[*]} and cannot install them (needs root and apt-get)"
  fi
  say "installing ${missing[*]}"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"; } >/dev/null ||
    skip "apt-get install ${missing[*]} failed"
}

ensure_engine() {
  if docker info >/dev/null 2>&1; then
    say "using the running Docker engine ($(docker version --format '{{.Server.Version}}'))"
    return
  fi
  [[ $(id -u) == 0 ]] || skip "no Docker engine answers and only root can start dockerd here"
  command -v dockerd >/dev/null || skip "no Docker engine answers and there is no dockerd"
  say "starting dockerd"
  dockerd >"$dockerd_log" 2>&1 &
  started_dockerd=$!
  for _ in $(seq 1 120); do
    docker info >/dev/null 2>&1 && { say "dockerd $(docker version --format '{{.Server.Version}}') is up"; return; }
    kill -0 "$started_dockerd" 2>/dev/null || break
    sleep 0.5
  done
  local reason
  reason=$(grep -iE 'level=(error|fatal)' "$dockerd_log" | tail -3 || true)
  started_dockerd_failed=$started_dockerd
  stop_dockerd
  skip "dockerd (pid $started_dockerd_failed) did not come up: ${reason:-see its log}"
}

# A docker CLI that can build with BuildKit (the Dockerfile mounts a build secret): with buildx,
# any; without, only a pre-23 client honours DOCKER_BUILDKIT=1 by itself (Debian's docker.io).
pick_build_cli() {
  local cli
  for cli in $(type -ap docker); do
    if "$cli" buildx version >/dev/null 2>&1; then
      echo "$cli"
      return
    fi
    local major
    major=$("$cli" version --format '{{.Client.Version}}' 2>/dev/null | cut -d. -f1)
    if [[ -n $major && $major -lt 23 ]]; then
      echo "DOCKER_BUILDKIT=1 $cli"
      return
    fi
  done
  return 1
}

pick_compose() {
  if docker compose version >/dev/null 2>&1; then echo "docker compose"; else echo "docker-compose"; fi
}

install_missing
ensure_engine

t0=$(date +%s)
docker/base-images.sh
t1=$(date +%s)

build_cli=$(pick_build_cli) || { say "no docker CLI here can build with BuildKit (install buildx)"; exit 1; }
build_args=()
[[ -n ${NODE_EXTRA_CA_CERTS:-} && -s ${NODE_EXTRA_CA_CERTS} ]] &&
  build_args+=(--secret "id=npm_ca,src=$NODE_EXTRA_CA_CERTS")
say "building authscale:local with: $build_cli build"
env $build_cli build -q "${build_args[@]}" -t authscale:local . >/dev/null
t2=$(date +%s)
say "base images $((t1 - t0)) s, image build $((t2 - t1)) s"

export AUTHSCALE_COMPOSE_CMD=${AUTHSCALE_COMPOSE_CMD:-$(pick_compose)}
export AUTHSCALE_COMPOSE_PROJECT=authscale-ct-$$
export AUTHSCALE_DOCKER_BUILD_CLI=$build_cli
export AUTHSCALE_BASE_IMAGES_SECONDS=$((t1 - t0)) AUTHSCALE_BUILD_SECONDS=$((t2 - t1))
npx vitest run --config vitest.compose.config.ts
