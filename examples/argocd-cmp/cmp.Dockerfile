# Image of the Argo CD CMP sidecar: bash, kustomize and inject-istio-sidecar. Build from the
# repository root after building the function image:
#   docker build -t inject-istio-sidecar .
#   docker build -t inject-istio-sidecar-cmp -f examples/argocd-cmp/cmp.Dockerfile .
FROM registry.k8s.io/kustomize/kustomize:v5.7.1 AS kustomize
FROM inject-istio-sidecar AS function

FROM node:22-bookworm-slim
COPY --from=kustomize /app/kustomize /usr/local/bin/kustomize
COPY --from=function /app /opt/inject-istio-sidecar
RUN printf '#!/bin/sh\nexec node /opt/inject-istio-sidecar/bin/inject-istio-sidecar.js "$@"\n' > /usr/local/bin/inject-istio-sidecar \
 && chmod 0755 /usr/local/bin/inject-istio-sidecar
# Argo CD runs CMP sidecars as uid 999.
USER 999
