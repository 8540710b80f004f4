#!/bin/sh
# Starts redis-N as the primary or as a replica of the primary the sentinels know. Without
# persistence a restarted primary is empty: it must rejoin as a replica, never wipe the others.
set -eu
me="$(hostname).redis"
primary=""
for i in 0 1 2; do
  primary="$(redis-cli -h "redis-sentinel-$i.redis-sentinel" -p 26379 --raw \
    sentinel get-master-addr-by-name authscale 2>/dev/null | head -n 1 || true)"
  [ -n "$primary" ] && break
done
# First start (no sentinel knows a primary yet): redis-0 is the primary.
[ -n "$primary" ] || primary="redis-0.redis"
set -- redis-server --save "" --appendonly no --protected-mode no --replica-announce-ip "$me"
[ "$primary" = "$me" ] || set -- "$@" --replicaof "$primary" 6379
exec "$@"
