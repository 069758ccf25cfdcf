#!/usr/bin/env bash
# Generates a new project from this checkout of the archetype: installs the archetype into the
# local Maven repository (it is not on Maven Central), then runs archetype:generate in batch
# mode with the options you pass.
#
#   ./generate-project.sh -DgroupId=com.example -DartifactId=orders-api [-Dpackage=...] [-Dapi=http] ...
#
# The project is written to ./<artifactId>, or to <parent of this checkout>/<artifactId> when
# run from inside the checkout; -DoutputDirectory=DIR chooses another place. Options: README.md.
set -euo pipefail

archetype_dir=$(cd "$(dirname "$0")" && pwd)
pom="$archetype_dir/archetype/pom.xml"
version=$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' "$pom" | head -n 1)
plugin_version=$(sed -n 's:^    <archetype-plugin.version>\(.*\)</archetype-plugin.version>$:\1:p' "$pom" | head -n 1)

output_dir=$PWD
[ "$output_dir" = "$archetype_dir" ] && output_dir=$(dirname "$archetype_dir")
options=()
for arg in "$@"; do
  case "$arg" in
    -DoutputDirectory=*) mkdir -p "${arg#-DoutputDirectory=}" && output_dir=$(cd "${arg#-DoutputDirectory=}" && pwd) ;;
    *) options+=("$arg") ;;
  esac
done

echo "Installing lambda-container-archetype $version into the local Maven repository..."
mvn -B -q -f "$pom" install -Dmaven.test.skip=true -Darchetype.test.skip=true -Denforcer.skip=true

# Run from an empty directory: a pom.xml in Maven's working directory would become the new
# project's parent.
work_dir=$(mktemp -d)
trap 'rm -rf "$work_dir"' EXIT
cd "$work_dir"
mvn -B "org.apache.maven.plugins:maven-archetype-plugin:$plugin_version:generate" \
  -DarchetypeGroupId=io.github.lambdacontainer \
  -DarchetypeArtifactId=lambda-container-archetype \
  -DarchetypeVersion="$version" \
  -DoutputDirectory="$output_dir" \
  "${options[@]}"
