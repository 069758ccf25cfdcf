#!/usr/bin/env bash
# Sends one event file to the function running under the Runtime Interface Emulator, which the
# AWS base image includes:
#   docker run --rm -p 9000:8080 IMAGE      (then, in another shell)
#   scripts/invoke.sh events/get-hello-with-name.json
set -euo pipefail

event=${1:?usage: $0 EVENT_FILE (one of events/*.json)}
url=${RIE_URL:-http://localhost:9000/2015-03-31/functions/function/invocations}

curl --silent --show-error --fail --max-time 60 -H 'Content-Type: application/json' --data-binary "@$event" "$url"
echo
