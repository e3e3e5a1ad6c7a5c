#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages listed in system-packages.txt that are missing.
# As root it uses apt-get directly, otherwise sudo when available; without either it
# lists what is missing and carries on (the parts that need them report it in `doctor`).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
mapfile -t wanted < <(grep -vE '^\s*(#|$)' "$here/system-packages.txt")

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "install-system-packages: not a Debian/Ubuntu system; install the equivalents of: ${wanted[*]}" >&2
  exit 0
fi

missing=()
for pkg in "${wanted[@]}"; do
  status="$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)"
  [[ "$status" == "install ok installed" ]] || missing+=("$pkg")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

if [[ $(id -u) -eq 0 ]]; then
  sudo_cmd=()
elif command -v sudo >/dev/null 2>&1; then
  sudo_cmd=(sudo)
else
  echo "install-system-packages: missing packages (run as root to install): ${missing[*]}" >&2
  exit 0
fi
echo "Installing system packages: ${missing[*]}"
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
