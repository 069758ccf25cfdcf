#!/usr/bin/env bash
# Builds the Lambda image for one architecture: scripts/build-image.sh arm64|x86_64 [TAG]
# The image is a single-platform manifest (no provenance/SBOM attestations): Lambda rejects
# multi-platform indexes.
set -euo pipefail
cd "$(dirname "$0")/.."

arch=${1:-}
case "$arch" in
  arm64) platform=linux/arm64 ;;
  x86_64) platform=linux/amd64 ;;
  *) echo "usage: $0 arm64|x86_64 [TAG]  (the architecture must match the function's Architectures)" >&2; exit 2 ;;
esac
tag=${2:-$(basename "$PWD"):$arch}

# clean: target/lib must hold exactly the current jars, which the image trains its archive on.
./mvnw -B -q clean package -DskipTests
docker buildx build --platform "$platform" --provenance=false --sbom=false \
  -f "Dockerfile.$arch" -t "$tag" --load .
echo "built $tag for $platform"
