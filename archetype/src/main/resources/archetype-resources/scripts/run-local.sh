#!/usr/bin/env bash
# Runs the application as a plain HTTP server on http://localhost:${PORT:-8080}, on the embedded
# database unless DATABASE_URL is set:  scripts/run-local.sh   then   curl 'localhost:8080/hello?name=x'
# It runs what Dockerfile.server runs, with the java of JAVA_HOME (or PATH).
set -euo pipefail
cd "$(dirname "$0")/.."

./mvnw -B -q package -DskipTests
main_class=$(sed -n 's/^CMD .*"\([A-Za-z0-9_.]*\)" *]$/\1/p' Dockerfile.server)
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
exec "$java" -cp "target/classes:target/lib/*:target/server-lib/*" "$main_class" "$@"
