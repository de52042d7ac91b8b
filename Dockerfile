# syntax=docker/dockerfile:1
# Novu Chat server image. Build:  docker build -t novu-chat .
# Run:   docker run --rm -p 3001:3001 -e HASH_SALT=… -e ADMIN_TOKEN=… -e ALLOWED_ORIGINS=https://example.com novu-chat
# The build stage compiles the monorepo and packs the packages as they would be published; the
# runtime stage installs only the server (and the element it serves) from those tarballs, with
# production dependencies. test/e2e/operators.test.ts runs this file's pack, install, start and
# health-check commands outside Docker and lints it. See docs/deployment.md#docker.

ARG NODE_VERSION=20

FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /src
COPY . .
# `prepare` builds every package (tsc and the browser bundles).
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
RUN sh deploy/docker/pack.sh /out

FROM node:${NODE_VERSION}-bookworm-slim AS runtime
# tini as PID 1 forwards SIGTERM to node and reaps zombies; the server drains on SIGTERM.
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*
# NODE_ENV=production makes HASH_SALT required, so bans and blocks survive restarts.
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3001
WORKDIR /app
COPY --from=build /out /tmp/novu
RUN --mount=type=cache,target=/root/.npm sh /tmp/novu/install-server.sh /tmp/novu && rm -rf /tmp/novu
# The server writes nothing to disk: the app stays root-owned and read-only to the process.
USER node
EXPOSE 3001
HEALTHCHECK --interval=15s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3001) + '/healthz', { signal: AbortSignal.timeout(2000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "node_modules/@novu-chat/server/bin/novu-chat-server.js"]
