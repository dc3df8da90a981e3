#!/usr/bin/env bash
# Installs the Debian packages the toolkit builds against (plus any named as arguments), only when
# one is missing (idempotent).
set -euo pipefail

packages=(libopenblas-dev pkg-config libicu-dev zlib1g-dev "$@")
missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
    run_as_root=()
elif command -v sudo >/dev/null 2>&1; then
    run_as_root=(sudo)
else
    echo "error: missing system packages (${missing[*]}) and no root rights to install them" >&2
    exit 1
fi
echo "Installing system packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${run_as_root[@]}" apt-get update -qq
"${run_as_root[@]}" apt-get install -y -qq "${missing[@]}" >&2
