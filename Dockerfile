# incident-sla's container image: the webhook server by default, and the same
# image for `incident-sla sweep` and `incident-sla report --post` (the
# Kubernetes example in deploy/kubernetes.yaml runs all three).
#
#   docker build -t incident-sla:0.1.0 .
#
# Node 26 is the current LTS line (Active LTS from October 2026 to October
# 2027, supported until April 2029). For reproducible builds, pin the base
# image by digest as well (node:26-trixie-slim@sha256:…) and let your
# dependency bot move it.
ARG NODE_IMAGE=node:26-trixie-slim

# 1. Build: every dependency, the TypeScript compiler among them.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` would build before the sources are here; the build is its own step below.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# 2. Runtime: production dependencies only, what package.json "files" ships, a user without privileges.
FROM ${NODE_IMAGE} AS runtime
# tini as PID 1 passes SIGTERM on to Node, so a pod stops when asked instead
# of waiting out its grace period (Node ignores SIGTERM as PID 1).
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    PORT=3000
WORKDIR /app
COPY package.json package-lock.json ./
# --omit=dev: no compiler, test tools or fixtures in the image; --ignore-scripts: `prepare` needs the compiler.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
 && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY bin ./bin
COPY app.yml config.schema.json ./
# The files belong to root and cannot be changed by the process; "node" (uid 1000) comes with the base image.
USER node
EXPOSE 3000
# No HEALTHCHECK: the same image runs the sweep and report jobs, which serve
# nothing. The orchestrator probes the server (deploy/kubernetes.yaml:
# GET /healthz for readiness, GET /ping for liveness).
ENTRYPOINT ["/usr/bin/tini", "--"]
# What `npm start` runs, without rebuilding: the app compiled above.
CMD ["node_modules/.bin/probot", "run", "./dist/index.js"]
