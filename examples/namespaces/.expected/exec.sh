kpt fn eval . --exec inject-istio-sidecar --results-dir "$RESULTS_DIR"
