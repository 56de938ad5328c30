# One image for every service: the compose file picks each container's command (a subgraph or the gateway).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.base.json ./
COPY packages ./packages
COPY subgraphs ./subgraphs
COPY gateway ./gateway
RUN npm ci --no-audit --no-fund \
 && npx tsc -b packages/kernel packages/devtools packages/resource-library packages/demonstration-platform subgraphs/registry subgraphs/shanxi subgraphs/hebei subgraphs/taiyuan subgraphs/shandong subgraphs/ningxia gateway \
 && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0
COPY --from=build /app ./
COPY supergraph.graphql ./
USER node
# Each service sets its own command; the gateway is the default.
CMD ["node", "gateway/dist/src/index.js"]
