# syntax=docker/dockerfile:1
# One image for the app nodes, the balancer and the scenario suite (see docker-compose.yml).
# Which one runs is chosen by the command: `npm run node`, `npm run balancer` or `npm run demo`.

ARG NODE_IMAGE=node:20-bookworm-slim

# --- build: install everything and typecheck, so a broken tree never becomes an image --------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run typecheck

# --- runtime: production dependencies only (tsx is one: the scripts run TypeScript directly) -------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false
WORKDIR /app
COPY --chown=node:node package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build --chown=node:node /app/tsconfig.json ./
COPY --from=build --chown=node:node /app/lib ./lib
COPY --from=build --chown=node:node /app/nodes ./nodes
COPY --from=build --chown=node:node /app/balancer ./balancer
COPY --from=build --chown=node:node /app/scenarios ./scenarios
COPY --from=build --chown=node:node /app/bench ./bench
# The scenario suite writes here; docker-compose.yml mounts ./reports over it.
RUN mkdir -p /app/reports && chown node:node /app/reports
# Never run as root: the official image ships the unprivileged `node` user (uid 1000).
USER node
# With `init: true` (compose) or `docker run --init`, tini is PID 1: make it signal the whole process
# group, so SIGTERM reaches the Node process under `npm run` / tsx and it shuts down gracefully
# (npm alone does not pass the signal on).
ENV TINI_KILL_PROCESS_GROUP=1
# Nodes listen on 0.0.0.0 inside a container; compose sets PORT per service.
ENV HOST=0.0.0.0 PORT=3001 HEALTH_PATH=/health
EXPOSE 3001 8080
# The slim image has no curl: use Node's own fetch. The balancer sets HEALTH_PATH=/__lb/stats;
# the one-shot scenarios container disables the check in compose.
HEALTHCHECK --interval=5s --timeout=3s --start-period=20s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3001) + (process.env.HEALTH_PATH || '/health')).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["npm", "run", "node"]
