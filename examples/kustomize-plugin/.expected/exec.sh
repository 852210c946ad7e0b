KUSTOMIZE_PLUGIN_HOME="$PWD/plugins" kubectl kustomize --enable-alpha-plugins .
