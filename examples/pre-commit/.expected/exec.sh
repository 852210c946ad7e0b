inject-istio-sidecar check -f deploy/
