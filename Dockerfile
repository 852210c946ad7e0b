# syntax=docker/dockerfile:1
# Container image of the inject-istio-sidecar KRM function.
#
#   docker build -t inject-istio-sidecar:dev .
#   kpt fn eval ./manifests --image inject-istio-sidecar:dev -- selector=all
#   docker run --rm -i inject-istio-sidecar:dev < resource-list.yaml        # the KRM function
#   docker run --rm -p 15017:15017 -v "$PWD/certs:/certs:ro" inject-istio-sidecar:dev \
#     webhook --tls-cert-file /certs/tls.crt --tls-key-file /certs/tls.key
#
# Two stages: the build stage has npm, TypeScript and esbuild; the run stage has only Node and the
# bundle (inject-istio-sidecar.mjs and its chunks; yaml, ejs and fast-json-patch are inside), so the image needs no network and
# no node_modules at run time and starts as fast as the bundle allows.
# test/e2e/dockerfile-steps.test.ts replays these steps outside Docker and lints this file: keep
# every RUN a plain shell command and every COPY a simple `COPY src... dest`.

ARG NODE_MAJOR=22

FROM node:${NODE_MAJOR}-bookworm AS build
WORKDIR /src
# Dependencies first, so the layer is reused while only sources change. Install scripts are not
# needed (esbuild's binary comes from its optional platform package).
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json ./
COPY scripts ./scripts
COPY src ./src
COPY bin ./bin
COPY function ./function
RUN npm run build

FROM gcr.io/distroless/nodejs${NODE_MAJOR}-debian12:nonroot AS run
LABEL org.opencontainers.image.title="inject-istio-sidecar" \
      org.opencontainers.image.description="Pre-render Istio 1.32 sidecar injection into Kubernetes manifests (KRM function, CLI, admission webhook)" \
      org.opencontainers.image.licenses="Apache-2.0"
WORKDIR /app
# package.json only for "type": "module", which bin/inject-istio-sidecar.js needs.
COPY --from=build /src/package.json ./package.json
COPY --from=build /src/bin/inject-istio-sidecar.js ./bin/inject-istio-sidecar.js
COPY --from=build /src/dist/bundle/ ./dist/bundle/
# distroless' nonroot user (65532); kpt may also run it as `nobody`: every file above is world-readable.
USER 65532:65532
# The webhook's default port (`webhook --port`).
EXPOSE 15017
# No arguments = the KRM function (ResourceList on stdin), which is how `kpt fn render/eval --image`
# and kustomize's container runtime call it; `docker run IMAGE webhook ...` selects the webhook.
ENTRYPOINT ["/nodejs/bin/node", "/app/bin/inject-istio-sidecar.js"]
