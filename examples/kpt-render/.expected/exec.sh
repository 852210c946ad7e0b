kpt fn render . --allow-exec --results-dir "$RESULTS_DIR"
