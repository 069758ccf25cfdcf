#!/usr/bin/env bash
# Runs the application as a plain HTTP server on http://localhost:${PORT:-8080}, on the embedded
# database unless DATABASE_URL is set:  scripts/run-local.sh   then   curl 'localhost:8080/hello?name=x'
set -euo pipefail
cd "$(dirname "$0")/.."

./mvnw -B -q package -DskipTests
main_class=$(sed -n 's/.*"\([A-Za-z0-9_.]*\.Application\)".*/\1/p' Dockerfile.server)
exec java -cp "target/classes:target/lib/*:target/server-lib/*" "$main_class" "$@"
