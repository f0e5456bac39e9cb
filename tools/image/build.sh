#!/usr/bin/env bash
# Build the production image as an OCI tarball with Jib (no Docker daemon), tagged <version> and <version>-<gitsha>.
#   tools/image/build.sh                 base image eclipse-temurin:21-jre from Docker Hub (needs registry access)
#   tools/image/build.sh --local-base    base assembled here by tools/image/local-base.sh (no registry at all)
#   IMAGE_BASE=eclipse-temurin:21-jre@sha256:... IMAGE_REPOSITORY=myacr.azurecr.io/mcp-platform tools/image/build.sh
# Output: server/target/mcp-platform-image.tar (load with `docker load`, `skopeo copy oci-archive:...`, or push with
# `./mvnw -Pimage -pl server -am jib:build` which pushes both tags).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"

if [[ -z "${JAVA_HOME:-}" ]] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi

base=${IMAGE_BASE:-eclipse-temurin:21-jre}
if [[ "${1:-}" == "--local-base" ]]; then
  tools/image/local-base.sh "$ROOT/server/target/image-base/base.tar"
  base="tar://$ROOT/server/target/image-base/base.tar"
fi
sha=$(git rev-parse --short=12 HEAD 2>/dev/null || echo nogit)
[[ -n "$(git status --porcelain 2>/dev/null)" ]] && sha="$sha-dirty"

args=(-B -Pimage -pl server -am package -DskipTests "-Dimage.base=$base" "-Dimage.gitsha=$sha")
[[ -n "${IMAGE_REPOSITORY:-}" ]] && args+=("-Dimage.repository=$IMAGE_REPOSITORY")
[[ -n "${IMAGE_TAG:-}" ]] && args+=("-Dimage.tag=$IMAGE_TAG")
./mvnw "${args[@]}"
ls -l server/target/mcp-platform-image.tar
