inject-istio-sidecar inject -f istio-system.yaml -f app.yaml
