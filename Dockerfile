# One image for the app nodes, the balancer, the scenario suite and the one-shot secrets init (see
# docker-compose.yml); the command picks which. Every command is exec form and starts `node` itself
# (no npm, no sh), so `docker stop` delivers SIGTERM to Node and in-flight requests finish.
#
#   docker build -t authscale:local .
#   # behind a TLS-intercepting proxy, hand npm its CA for the install step only (BuildKit):
#   docker build --secret id=npm_ca,src="$NODE_EXTRA_CA_CERTS" -t authscale:local .
#
# Needs BuildKit (Docker ≥ 23 and Compose v2 use it by default; Docker 20.10: DOCKER_BUILDKIT=1).
# No `# syntax=` line on purpose: it would fetch a frontend image from Docker Hub.

# A current Node LTS (package.json `engines`). Air-gapped: docker/base-images.sh builds a local
# stand-in under this tag.
ARG NODE_IMAGE=node:24-bookworm-slim

# --- build: install from the lockfile, typecheck, then drop devDependencies ------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# `set -eu` and one command per step: a failed install fails here, not later as "tsc: not found".
# `npm ls` checks the installed tree against the lockfile (a partial install exits non-zero).
RUN --mount=type=secret,id=npm_ca \
    set -eu; \
    if [ -s /run/secrets/npm_ca ]; then export NODE_EXTRA_CA_CERTS=/run/secrets/npm_ca; fi; \
    npm ci --no-audit --no-fund --fetch-retries=1; \
    npm ls --all >/dev/null
COPY . .
RUN set -eu; npm run typecheck
RUN set -eu; npm prune --omit=dev --no-audit --no-fund; npm ls --omit=dev >/dev/null

# --- runtime: no npm step at all (nothing to download, no CA needed) -------------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
# The whole pruned build tree (sources + production node_modules; tests never enter the context), so
# a new source directory needs no new line here. Root-owned: the app cannot rewrite its own code.
COPY --from=build /app ./
# reports: docker-compose.yml mounts the host's ./reports here (the suite runs as HOST_UID).
# /run/authscale: the secrets volume; a new named volume copies this directory's owner and mode.
RUN set -eu; \
    mkdir -p /app/reports /run/authscale; \
    chown node:node /app/reports /run/authscale; \
    chmod 0750 /run/authscale
# Never run as root: the official image (and the stand-in) has the unprivileged `node` user (uid 1000).
USER node
# Nodes listen on 0.0.0.0 inside a container; compose sets PORT per service.
ENV HOST=0.0.0.0 PORT=3001 HEALTH_PATH=/health
EXPOSE 3001 8080
# The slim image has no curl: use Node's own fetch. The balancer sets HEALTH_PATH=/__lb/stats;
# the one-shot containers disable the check in compose.
HEALTHCHECK --interval=5s --timeout=10s --start-period=120s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3001) + (process.env.HEALTH_PATH || '/health')).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Node runs the TypeScript itself (type stripping, Node ≥ 22.18; the sources use erasable syntax
# only), so no compiler or loader is installed at runtime. The stop-signal catcher goes first,
# before the app's modules load: a container stopped while it is starting exits 0, not 143.
CMD ["node", "--import", "./lib/stop-signals.ts", "nodes/main.ts"]
