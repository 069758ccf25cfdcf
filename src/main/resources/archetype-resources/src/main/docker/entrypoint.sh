#set( $dollar = '$' )
#!/bin/sh
# The Lambda image's entry point (Dockerfile.arm64, Dockerfile.x86_64). Starts the runtime interface
# client as the base image's own bootstrap does, with its JVM flags, but with the function's jars on
# the JVM class path, so the JVM starts from the class-data archive the image build made with
# `--train`: the classes a real invocation loads, already parsed and linked.
set -eu

task_root=${dollar}{LAMBDA_TASK_ROOT:-/var/task}
#if ($javaVersion == '25')
# JDK 25's AOT cache: the classes loaded and linked, and profiles of the methods that ran.
archive=$task_root/function.aot
write_archive=-XX:AOTCacheOutput=$archive
use_archive=-XX:AOTCache=$archive
#else
# A dynamic CDS archive: the classes loaded, parsed and verified.
archive=$task_root/function.jsa
write_archive=-XX:ArchiveClassesAtExit=$archive
use_archive=-XX:SharedArchiveFile=$archive
#end

run_java() {
  # The base image bootstrap's flags: heap at 85% of the function's memory, serial GC, C1 only.
  exec java \
    -XX:MaxHeapSize=$(( ${dollar}{AWS_LAMBDA_FUNCTION_MEMORY_SIZE:-1024} * 1024 * 85 / 100 ))k \
    -XX:+UseSerialGC \
    -XX:+TieredCompilation -XX:TieredStopAtLevel=1 \
    --add-opens=java.base/java.io=ALL-UNNAMED \
    -Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac \
    -Djava.net.preferIPv4Stack=true \
    -XX:+ErrorFileToStderr \
#if ($framework == 'springboot')
    -Dspring.aot.enabled=true \
#end
    -cp "$task_root/lib/*" \
    "$@"
}

if [ "${dollar}{1:-}" = "--train" ]; then
  # At image build (a RUN step): send the sample events through the handlers and write the archive.
  # It fits only the JVM build that made it, which is why it is made inside the image.
  run_java "$write_archive" ${package}.StartupTraining "$task_root/training-events"
fi

if [ -z "${dollar}{AWS_LAMBDA_RUNTIME_API:-}" ]; then
  # Outside Lambda (docker run): behind the runtime interface emulator the base image ships, as the
  # base image's own entry point does.
  exec /usr/local/bin/aws-lambda-rie /bin/sh "$0" "$@"
fi

run_java "$use_archive" com.amazonaws.services.lambda.runtime.api.client.AWSLambda "$@"
