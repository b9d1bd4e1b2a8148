#!/usr/bin/env bash
# Sets up a fresh machine that has Node.js 20 and npm, then runs the main job.
# Installs what the project needs and nothing else: pnpm 9, the workspace's packages,
# and real Nix (Debian's nix-bin), which the tests use as the judge of what we print.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
command -v nix-instantiate >/dev/null || missing+=(nix-bin)
command -v python3 >/dev/null || missing+=(python3)
command -v systemd-analyze >/dev/null || missing+=(systemd)
if [ ${#missing[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null; then
    echo "setup: installing ${missing[*]} with apt-get"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "setup: please install ${missing[*]} (no apt-get here)" >&2
    exit 1
  fi
fi

if ! command -v pnpm >/dev/null || [[ "$(pnpm --version)" != 9.* ]]; then
  npm install --global pnpm@9.15.9
fi

pnpm install --frozen-lockfile
pnpm build
# Link the `nix-ast` command, whose compiled entry exists only after the build.
pnpm install --frozen-lockfile --offline >/dev/null

if [ -d packages/atbb-deploy ]; then
  pnpm build:nix
else
  pnpm example
fi
