#!/usr/bin/env bash
# Smoke-tests a Lambda image before it ships (CI runs it before pushing): starts the image as
# `docker run` does, where its entry point runs the function behind the runtime interface emulator
# of the AWS base image, sends every event in events/ and judges each answer against
# events/expected.json as the project's tests do (ImageSmokeCheck, through ./mvnw). SQS batches
# (sqs-*.json) go to the image started a second time with the queue worker's handler.
#   scripts/smoke-test.sh IMAGE                  e.g. scripts/smoke-test.sh orders-api:arm64
#   scripts/smoke-test.sh --url URL [--worker-url URL]
#       a function already running behind an emulator, e.g. after `docker run -p 9000:8080 IMAGE`:
#       --url http://localhost:9000/2015-03-31/functions/function/invocations
# Exits non-zero when an answer differs, the function fails, or the image does not start.
set -euo pipefail
cd "$(dirname "$0")/.."

readonly INVOCATIONS=/2015-03-31/functions/function/invocations
# How long the emulator may take to listen once its container started, and each answer (the
# first one's includes the function's cold start).
readonly START_SECONDS=${SMOKE_START_SECONDS:-30}
readonly ANSWER_SECONDS=${SMOKE_ANSWER_SECONDS:-60}

usage() {
  echo "usage: $0 IMAGE | --url URL [--worker-url URL]" >&2
  exit 2
}

image= api_url= worker_url=
while [ $# -gt 0 ]; do
  case "$1" in
    --url) [ $# -ge 2 ] || usage; api_url=$2; shift 2 ;;
    --worker-url) [ $# -ge 2 ] || usage; worker_url=$2; shift 2 ;;
    -h | --help) usage ;;
    -*) echo "unknown option: $1" >&2; usage ;;
    *) [ -z "$image" ] || usage; image=$1; shift ;;
  esac
done
if { [ -n "$image" ] && [ -n "$api_url$worker_url" ]; } || { [ -z "$image" ] && [ -z "$api_url$worker_url" ]; }; then
  usage
fi
has_batches() { compgen -G 'events/sqs-*.json' >/dev/null; }
if [ -n "$worker_url" ] && ! has_batches; then
  echo "--worker-url: this project has no queue worker (no events/sqs-*.json)" >&2
  exit 2
fi

containers=()
remove_containers() {
  local status=$? id
  for id in "${containers[@]}"; do
    if [ "$status" -ne 0 ]; then
      echo "--- the last lines container ${id:0:12} wrote:" >&2
      docker logs --tail 40 "$id" >&2 2>&1 || true
    fi
    docker rm --force "$id" >/dev/null 2>&1 || true
  done
}
trap remove_containers EXIT

# Starts the image (with a handler in place of its CMD, if given) on a free local port and waits
# until its emulator listens; sets started_url to the emulator's invocations URL.
start() {
  local id address waited=0
  id=$(docker run --detach --publish 127.0.0.1::8080 "$image" "$@")
  containers+=("$id")
  address=$(docker port "$id" 8080/tcp | head -n 1)
  until curl --silent --output /dev/null --max-time 2 "http://$address/"; do
    if [ "$(docker inspect --format '{{.State.Running}}' "$id")" != true ]; then
      echo "the container of $image ${*:-(its CMD)} exited before its emulator listened" >&2
      return 1
    fi
    if [ $((waited += 1)) -ge "$START_SECONDS" ]; then
      echo "the emulator in $image did not listen on $address within $START_SECONDS s" >&2
      return 1
    fi
    sleep 1
  done
  started_url=http://$address$INVOCATIONS
}

if [ -n "$image" ]; then
  start
  api_url=$started_url
  if has_batches; then
    # The queue worker's handler, as template.yaml's ImageConfig.Command gives it.
    worker_handler=$(sed -n 's/^ *Command: \["\(.*\)"\]$/\1/p' template.yaml)
    [ -n "$worker_handler" ] || { echo "no ImageConfig.Command (the queue worker's handler) in template.yaml" >&2; exit 1; }
    start "$worker_handler"
    worker_url=$started_url
  fi
fi

sent=()
[ -z "$api_url" ] || sent+=("$(find events -name '*.json' ! -name 'expected.json' ! -name 'sqs-*' | wc -l | tr -d ' ') API events to $api_url")
[ -z "$worker_url" ] || sent+=("$(find events -name 'sqs-*.json' | wc -l | tr -d ' ') SQS batches to $worker_url")
if [ -z "$worker_url" ] && has_batches; then
  echo "note: the SQS batches (events/sqs-*.json) are not sent: no --worker-url" >&2
fi
# The project's own judge: the same expected.json rules as its tests (ExpectedOutcomes). Without the
# DATABASE_* variables, so the test JVM's database setup (TestDatabase) never migrates a real server.
env -u DATABASE_URL -u DATABASE_USER -u DATABASE_PASSWORD ./mvnw -B -q test -Dtest=ImageSmokeCheck -Dsmoke.url="$api_url" -Dsmoke.workerUrl="$worker_url" \
  -Dsmoke.answerSeconds="$ANSWER_SECONDS"
printf 'smoke test passed%s: ' "${image:+ for $image}"
printf '%s; ' "${sent[@]}"
echo "each answered as events/expected.json says"
