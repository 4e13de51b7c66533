# syntax=docker/dockerfile:1.7
# One image recipe for every service: docker build --build-arg SERVICE=tenant-data .
# The FactuurSturen simulator (a workspace under libs/): --build-arg SERVICE=factuursturen-simulator --build-arg SERVICE_DIR=libs
# The gateway's image also carries the built web application (apps/web/dist), which it serves at /.
# Node 26 (LTS) in every stage, the line package.json's engines and optionalDependencies (the Node
# that npm start / npm test run on) name; deploy/test/node-runtime.test.ts keeps them together.
FROM node:26-bookworm-slim AS build
WORKDIR /repo
COPY package.json package-lock.json turbo.json tsconfig.base.json ./
COPY libs libs
COPY services services
COPY apps apps
# Every workspace named in package.json must exist for npm ci; only the manifests are needed.
COPY e2e/package.json e2e/package.json
COPY deploy/package.json deploy/package.json
COPY scripts/package.json scripts/package.json
RUN npm ci --ignore-scripts --no-audit --no-fund
ARG SERVICE
RUN npx turbo run build --filter=@homi/${SERVICE}... $([ "${SERVICE}" = gateway ] && echo --filter=@homi/web...) \
 && mkdir -p apps/web/dist

FROM node:26-bookworm-slim AS prod-deps
WORKDIR /repo
COPY package.json package-lock.json ./
COPY --from=build /repo/libs libs
COPY --from=build /repo/services services
COPY --from=build /repo/apps/web/package.json apps/web/package.json
COPY --from=build /repo/e2e/package.json e2e/package.json
COPY --from=build /repo/deploy/package.json deploy/package.json
COPY --from=build /repo/scripts/package.json scripts/package.json
ARG SERVICE
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund --workspace=@homi/${SERVICE} --include-workspace-root=false

FROM node:26-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=prod-deps --chown=node:node /repo /app
# Static files only (no node_modules): the gateway serves them from WEB_DIST_DIR's default, /app/apps/web/dist.
COPY --from=build --chown=node:node /repo/apps/web/dist /app/apps/web/dist
ARG SERVICE
ARG SERVICE_DIR=services
ENV SERVICE=${SERVICE}
USER node
WORKDIR /app/${SERVICE_DIR}/${SERVICE}
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --retries=5 CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
# An 8 MB young-generation semi-space (ADR 62), as npm start and the tests run every service.
CMD ["node", "--max-semi-space-size=8", "dist/main.js"]
