#!/usr/bin/env bash
# Runs the official MCP conformance suite (active server scenarios) against URL, writing results to OUTDIR.
# Usage: tools/conformance.sh URL OUTDIR    (exits with the suite's status)
set -euo pipefail
if [ $# -ne 2 ]; then
    echo "usage: $0 URL OUTDIR" >&2
    exit 2
fi
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bin="$("$here/install-node.sh")"
export PATH="$bin:$PATH"
mkdir -p "$2"
exec "$bin/node" "$here/node/node_modules/@modelcontextprotocol/conformance/dist/index.js" \
    server --url "$1" --suite active -o "$2"
