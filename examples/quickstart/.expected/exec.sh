# What `npm run demo` runs, from this folder.
inject-istio-sidecar inject -f resources.yaml
