#!/usr/bin/env bash
# Builds the release archive for this machine's platform (the binary, its completions and
# kubectl's completion shim, man pages, README and licences) and writes the krew manifest that
# points at it, with its sha256.
#
#   scripts/release.sh                      # release build; dist/ and plugins/redis.yaml
#   scripts/release.sh --binary target/debug/kubectl-redis --out /tmp/d --manifest /tmp/d/redis.yaml
#
# Upload the archive to the release tagged with the version, then submit plugins/redis.yaml to
# krew-index (or install it locally: kubectl krew install --manifest=plugins/redis.yaml --archive=ARCHIVE).
set -euo pipefail
cd "$(dirname "$0")/.."

version="v$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)"
binary=""
out="dist"
manifest="plugins/redis.yaml"
base_url="https://github.com/kubectl-redis/kubectl-redis/releases/download"
while [ $# -gt 0 ]; do
  case "$1" in
    --binary) binary="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --manifest) manifest="$2"; shift 2 ;;
    --base-url) base_url="$2"; shift 2 ;;
    *) echo "error: unknown option $1" >&2; echo "hint: see the comment at the top of $0" >&2; exit 2 ;;
  esac
done

if [ -z "$binary" ]; then
  cargo build --release --locked
  binary="target/release/kubectl-redis"
fi
case "$(uname -s)" in Linux) os=linux ;; Darwin) os=darwin ;; *) echo "error: unsupported OS $(uname -s)" >&2; exit 2 ;; esac
case "$(uname -m)" in x86_64|amd64) arch=amd64 ;; aarch64|arm64) arch=arm64 ;; *) echo "error: unsupported CPU $(uname -m)" >&2; exit 2 ;; esac

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
install -m 0755 "$binary" "$stage/kubectl-redis"
cp README.md LICENSE-MIT LICENSE-APACHE "$stage/"
cp -r completions man "$stage/"
mkdir -p "$out" "$(dirname "$manifest")"
archive="kubectl-redis_${version}_${os}_${arch}.tar.gz"
# Sorted names, fixed owners and times, no gzip timestamp: the same inputs give the same sha256.
tar -C "$stage" --sort=name --owner=0 --group=0 --numeric-owner --mtime='2000-01-01 00:00Z' -cf - . | gzip -n -9 > "$out/$archive"
sha="$(sha256sum "$out/$archive" | cut -d' ' -f1)"

cat > "$manifest" <<YAML
apiVersion: krew.googlecontainertools.github.com/v1alpha2
kind: Plugin
metadata:
  name: redis
spec:
  version: ${version}
  homepage: https://github.com/kubectl-redis/kubectl-redis
  shortDescription: Create, scale, check and repair Redis Cluster on StatefulSets
  description: |
    Runs the whole lifecycle of a Redis Cluster (or Valkey) whose nodes are the pods of a
    StatefulSet: create it, scale it up and down without losing slots, add and remove nodes,
    reshard and rebalance, check its health and repair what check finds. Every change is planned
    and shown first, and safe to run again after an interruption. Pods are found through the
    Kubernetes API and reached through port-forward from outside the cluster.
  caveats: |
    The Role it needs is in deploy/rbac.yaml of the project.
    For completion of \`kubectl redis <TAB>\`, put completions/kubectl_complete-redis on your PATH.
  platforms:
    - selector:
        matchLabels:
          os: ${os}
          arch: ${arch}
      uri: ${base_url}/${version}/${archive}
      sha256: ${sha}
      bin: kubectl-redis
YAML
echo "$out/$archive  sha256 $sha"
echo "manifest: $manifest"
