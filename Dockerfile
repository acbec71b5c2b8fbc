# syntax=docker/dockerfile:1
#
# One image for every service of the supergraph. The service a container runs is chosen by its
# command (see docker-compose.yml):
#   node subgraphs/sites/dist/index.js        the sites subgraph
#   node subgraphs/volunteers/dist/index.js   the volunteers subgraph
#   node subgraphs/resources/dist/index.js    the resources subgraph
#   node subgraphs/tickets/dist/index.js      the tickets subgraph
#   node gateway/dist/index.js                the gateway (the default)
#
#   docker build -t civilization-practice .

ARG NODE_IMAGE=node:20-bookworm-slim

# --- build: install everything, compile the workspaces, then drop the development packages -------
FROM ${NODE_IMAGE} AS build
# better-sqlite3 downloads a prebuilt binary when one exists for this platform and otherwise
# compiles itself with node-gyp, which needs these.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app

# The manifests first, so the dependency layer is rebuilt only when they change.
COPY package.json package-lock.json ./
COPY common/package.json common/
COPY subgraphs/sites/package.json subgraphs/sites/
COPY subgraphs/volunteers/package.json subgraphs/volunteers/
COPY subgraphs/resources/package.json subgraphs/resources/
COPY subgraphs/tickets/package.json subgraphs/tickets/
COPY gateway/package.json gateway/
COPY tests/package.json tests/
RUN npm ci --no-audit --no-fund

COPY tsconfig.base.json tsconfig.json ./
COPY common/ common/
COPY subgraphs/ subgraphs/
COPY gateway/ gateway/
RUN npm run build \
  && npm prune --omit=dev --no-audit --no-fund \
  && npm cache clean --force

# --- runtime: the compiled workspaces, their production dependencies and the committed schema -----
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app

# The root package.json marks the workspace root (repoRoot() looks for it: the gateway finds
# schema/supergraph.graphql from there) and node_modules/@practice/* link to the workspace folders.
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules/ node_modules/
COPY --from=build /app/common/package.json common/
COPY --from=build /app/common/dist/ common/dist/
COPY --from=build /app/subgraphs/sites/package.json subgraphs/sites/
COPY --from=build /app/subgraphs/sites/dist/ subgraphs/sites/dist/
COPY --from=build /app/subgraphs/volunteers/package.json subgraphs/volunteers/
COPY --from=build /app/subgraphs/volunteers/dist/ subgraphs/volunteers/dist/
COPY --from=build /app/subgraphs/resources/package.json subgraphs/resources/
COPY --from=build /app/subgraphs/resources/dist/ subgraphs/resources/dist/
COPY --from=build /app/subgraphs/tickets/package.json subgraphs/tickets/
COPY --from=build /app/subgraphs/tickets/dist/ subgraphs/tickets/dist/
COPY --from=build /app/gateway/package.json gateway/
COPY --from=build /app/gateway/dist/ gateway/dist/
COPY --from=build /app/tests/package.json tests/
COPY schema/ schema/

# The code stays root-owned and read-only to the service; only the embedded SQLite folder (used
# when DATABASE_URL is unset) is writable.
RUN mkdir -p data && chown node:node data
USER node

EXPOSE 4000 4001 4002
CMD ["node", "gateway/dist/index.js"]
