#!/bin/sh
# Writes a sentinel config (sentinel rewrites it at run time, so it lives on a writable volume)
# that monitors the primary the other sentinels know, else redis-0, then starts the sentinel.
set -eu
me="$(hostname)"
primary=""
for i in 0 1 2; do
  [ "redis-sentinel-$i" = "$me" ] && continue
  primary="$(redis-cli -h "redis-sentinel-$i.redis-sentinel" -p 26379 --raw \
    sentinel get-master-addr-by-name authscale 2>/dev/null | head -n 1 || true)"
  [ -n "$primary" ] && break
done
[ -n "$primary" ] || primary="redis-0.redis"
# Sentinel resolves the name when it reads its config: wait until the primary answers.
until redis-cli -h "$primary" -p 6379 ping >/dev/null 2>&1; do sleep 1; done
cat > /data/sentinel.conf <<CONF
port 26379
protected-mode no
sentinel resolve-hostnames yes
sentinel announce-hostnames yes
sentinel announce-ip $me.redis-sentinel
sentinel monitor authscale $primary 6379 2
sentinel down-after-milliseconds authscale 2000
sentinel failover-timeout authscale 10000
sentinel parallel-syncs authscale 1
CONF
exec redis-server /data/sentinel.conf --sentinel
