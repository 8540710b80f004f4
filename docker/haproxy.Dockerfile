# docker-compose.haproxy.yml's balancer: HAProxy with docker/haproxy.cfg (STRATEGY is read from the
# environment at start). The base is the official image, or docker/base-images.sh's stand-in.
ARG HAPROXY_IMAGE=haproxy:2.6-bookworm
FROM ${HAPROXY_IMAGE}
COPY haproxy.cfg /usr/local/etc/haproxy/haproxy.cfg
