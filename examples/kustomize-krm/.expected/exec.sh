inject-istio-sidecar < kustomize-sends.yaml
