#!/usr/bin/env bash
# Installs exactly what zhifa builds, runs and tests with on Debian 12: Debian packages when
# missing (apt-get update + install), then the web console's and e2e tests' npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  build-essential cmake pkg-config
  libmicrohttpd-dev libjansson-dev libsqlite3-dev libssl-dev libargon2-dev
  libcmocka-dev sqlite3 curl libzip-dev libexpat1-dev zlib1g-dev zip unzip
  nodejs npm chromium fonts-wqy-microhei
  clang-14 libclang-rt-14-dev
  libpango1.0-dev libcairo2-dev libqrencode-dev fonts-arphic-uming poppler-utils zbar-tools
  libpoppler-glib-dev
  libcurl4-openssl-dev
  wrk nginx
  libpq-dev postgresql-15
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# A Node.js not from Debian (e.g. nodesource, nvm) already brings npm: keep it.
if command -v node >/dev/null && command -v npm >/dev/null; then
  missing=("${missing[@]/nodejs}"); missing=("${missing[@]/npm}")
fi
read -r -a missing <<<"${missing[*]}"
if [ ${#missing[@]} -gt 0 ]; then
  echo "deps: installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "deps: Debian packages present"
fi

npm_ci() { # dir: reinstall only when package-lock.json changed since the last install
  local dir=$1 stamp=$1/node_modules/.zhifa-lock
  if [ -f "$stamp" ] && cmp -s "$dir/package-lock.json" "$stamp"; then return; fi
  echo "deps: npm ci in $dir"
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  cp "$dir/package-lock.json" "$stamp"
}
npm_ci web
npm_ci tests/e2e
