#!/usr/bin/env bash
# Installs what the e2e scripts need: Node 22 (tools/install-node.sh), Chromium from Debian (when missing, as root),
# and the pinned npm packages of package.json/package-lock.json into tools/e2e/node_modules (git-ignored).
# Idempotent. Prints the Node bin directory to put first on PATH.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bin="$(bash "$here/../install-node.sh")"
export PATH="$bin:$PATH"

if [ ! -x /usr/bin/chromium ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
    else
        echo "install.sh: /usr/bin/chromium is missing (apt-get install -y chromium); consent-browser.mjs needs it" >&2
    fi
fi

stamp="$here/node_modules/.installed-lock"
if [ ! -f "$stamp" ] || ! cmp -s "$here/package-lock.json" "$stamp"; then
    (cd "$here" && npm ci --no-audit --no-fund --loglevel=error >&2)
    cp "$here/package-lock.json" "$stamp"
fi
echo "$bin"
