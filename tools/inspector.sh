#!/usr/bin/env bash
# Runs the MCP Inspector CLI (@modelcontextprotocol/inspector 2.12.0, needs Node >= 22.19) with the project's Node 22.
#   tools/inspector.sh http://127.0.0.1:8080/t/demo/mcp --method tools/list
#   tools/inspector.sh http://127.0.0.1:8080/t/demo/mcp --method tools/call --tool-name echo --tool-arg message=hi
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bin="$("$here/install-node.sh")"
export PATH="$bin:$PATH"
url=$1; shift
exec npx -y @modelcontextprotocol/inspector@2.12.0 --cli "$url" --transport http "$@"
