#!/usr/bin/env bash
# Generates a new project from this checkout of the archetype, with the engine (engine/): the
# archetype's own templates and rules rendered in-process, the same bytes archetype:generate writes.
# The first run builds the archetype jar and the engine with Maven (again whenever their sources
# are newer); afterwards a project takes about a JVM start.
#
#   ./generate-project.sh -DgroupId=com.example -DartifactId=orders-api [-Dpackage=...] [-Dapi=http] ...
#
# The project is written to ./<artifactId>, or to <parent of this checkout>/<artifactId> when
# run from inside the checkout; -DoutputDirectory=DIR chooses another place. Options: README.md.
set -euo pipefail

checkout=$(cd "$(dirname "$0")" && pwd)
# The modules inherit the root pom's version: the one version the engine, plugin and archetype share.
version=$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' "$checkout/pom.xml" | head -n 1)
archetype_jar="$checkout/archetype/target/lambda-container-archetype-$version.jar"
engine_jar="$checkout/engine/target/lambda-container-engine-$version.jar"

output_dir=$PWD
[ "$output_dir" = "$checkout" ] && output_dir=$(dirname "$checkout")
options=()
for arg in "$@"; do
  case "$arg" in
    -DoutputDirectory=*) mkdir -p "${arg#-DoutputDirectory=}" && output_dir=$(cd "${arg#-DoutputDirectory=}" && pwd) ;;
    *) options+=("$arg") ;;
  esac
done

# A jar is stale when it is missing or a file of its module's sources, its pom or the parent pom
# (the versions the archetype filters into generated poms live there) is newer.
stale() {
  local jar=$1 module=$2
  [ ! -f "$jar" ] || [ -n "$(find "$checkout/pom.xml" "$module/pom.xml" "$module/src/main" -newer "$jar" -print -quit)" ]
}
if stale "$archetype_jar" "$checkout/archetype" || stale "$engine_jar" "$checkout/engine"; then
  echo "Building the archetype and the engine (first run, or their sources changed)..."
  mvn -B -q -f "$checkout/pom.xml" package -pl engine,archetype -am -Dmaven.test.skip=true \
    -Darchetype.test.skip=true -Denforcer.skip=true
fi

exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -XX:TieredStopAtLevel=1 -jar "$engine_jar" \
  --archetype "$archetype_jar" -DoutputDirectory="$output_dir" "${options[@]}"
