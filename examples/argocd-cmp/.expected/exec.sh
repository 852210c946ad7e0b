node "$REPO_ROOT/dist/test/examples/run-cmp-generate.js" plugin.yaml app
