#set( $dollar = '$' )
#!/bin/sh
# The Lambda image's entry point (Dockerfile.arm64, Dockerfile.x86_64). Starts the runtime interface
# client as the base image's own bootstrap does, with its JVM flags, but with the function's jars on
# the JVM class path, so the JVM starts from the class-data archive the image build made with
# `--train`: the classes a real invocation loads, already parsed and linked.
set -eu

task_root=${dollar}{LAMBDA_TASK_ROOT:-/var/task}
#if ($javaVersion == '25')
archive=$task_root/function.aot
#else
archive=$task_root/function.jsa
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
#if ($javaVersion == '25')
  run_java -XX:AOTCacheOutput="$archive" ${package}.StartupTraining "$task_root/training-events"
#else
  run_java -XX:ArchiveClassesAtExit="$archive" ${package}.StartupTraining "$task_root/training-events"
#end
fi

if [ -z "${dollar}{AWS_LAMBDA_RUNTIME_API:-}" ]; then
  # Outside Lambda (docker run): behind the runtime interface emulator the base image ships, as the
  # base image's own entry point does.
  exec /usr/local/bin/aws-lambda-rie /bin/sh "$0" "$@"
fi

#if ($javaVersion == '25')
run_java -XX:AOTCache="$archive" com.amazonaws.services.lambda.runtime.api.client.AWSLambda "$@"
#else
run_java -XX:SharedArchiveFile="$archive" com.amazonaws.services.lambda.runtime.api.client.AWSLambda "$@"
#end
