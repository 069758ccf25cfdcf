#set( $dollar = '$' )
#!/bin/sh
# The Lambda image's entry point (Dockerfile.arm64, Dockerfile.x86_64). Does what the AWS base
# image's own bootstrap does, flag by flag, and one thing more: the function's jars go on the JVM
# class path and the JVM starts from the class-data archive the image build made with `--train`
# (the classes a real invocation loads, the runtime interface client's too, already parsed and linked).
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
# Lambda sets the function's memory. At image build it is unset, so the archive is trained with the
# heap of the API function's MemorySize in template.yaml: keep the two numbers equal.
#if ($managedInstances == 'true')
memory_mb=${dollar}{AWS_LAMBDA_FUNCTION_MEMORY_SIZE:-2048}
#else
memory_mb=${dollar}{AWS_LAMBDA_FUNCTION_MEMORY_SIZE:-1024}
#end

# One JSON object per line, like everything else the function writes (template.yaml LoggingConfig).
log_warning() {
  printf '{"timestamp":"%s","level":"WARN","logger":"entrypoint.sh","message":"%s"}\n' \
    "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$1" >&2
}

if [ "${dollar}{1:-}" != "--train" ] && [ -z "${dollar}{AWS_LAMBDA_RUNTIME_API:-}" ]; then
  # Outside Lambda (docker run): behind the runtime interface emulator the base image ships, as the
  # base image's entry point does. `sam local invoke` sets AWS_LAMBDA_RUNTIME_API for its own one.
  exec /usr/local/bin/aws-lambda-rie /bin/sh "$0" "$@"
fi
# `--train`, or the handler Lambda passes: CMD, or the function's ImageConfig.Command.
mode=${dollar}{1:-}

#if ($managedInstances == 'true')
# On Lambda Managed Instances (template.yaml CapacityProviderConfig) one JVM serves
# AWS_LAMBDA_MAX_CONCURRENCY invocations at once, each on a runtime thread of its own, and runs for
# days without being frozen; its init is done before any request reaches it. So, unlike the base
# image's bootstrap (one invocation at a time, the request often the JVM's first): the heap at 85%
# of the function's memory, as there; G1, whose young collections are short and whose old
# generation is collected concurrently instead of in stop-the-world full collections that would
# stall every invocation in flight;
set -- -XX:MaxHeapSize=$(( memory_mb * 1024 * 85 / 100 ))k -XX:+UseG1GC
# and the JVM's full tiered compilation (C2 for the hot paths), which pays off over a long run, as
# Java 25's runtime does where init is off the request path (SnapStart, provisioned concurrency).
# Training and function use these same flags: the image only ever runs on managed instances;
set -- "$@" -XX:+TieredCompilation
#else
# The base image bootstrap's flags, each for its reason:
# the heap at 85% of the function's memory, and the serial collector (one vCPU or less per function);
set -- -XX:MaxHeapSize=$(( memory_mb * 1024 * 85 / 100 ))k -XX:+UseSerialGC
#if ($javaVersion == '25')
# C1 only for on-demand cold starts; under SnapStart and provisioned concurrency init is off the
# request path, so Java 25's runtime keeps the JVM's full tiered compilation there;
case ${dollar}{AWS_LAMBDA_INITIALIZATION_TYPE:-on-demand} in
  snap-start | provisioned-concurrency) set -- "$@" -XX:+TieredCompilation ;;
  *) set -- "$@" -XX:+TieredCompilation -XX:TieredStopAtLevel=1 ;;
esac
#else
# C1 only: the JIT that pays off within a cold start;
set -- "$@" -XX:+TieredCompilation -XX:TieredStopAtLevel=1
#end
#end
# the runtime client's serialization reflects into java.io;
set -- "$@" --add-opens=java.base/java.io=ALL-UNNAMED
# SnapStart's checkpoint hooks run through the runtime client's own CRaC implementation;
set -- "$@" -Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac
# a JVM crash report goes to the function's log (the task root is read-only);
set -- "$@" -XX:+ErrorFileToStderr
# the client's native library laid out by the Dockerfile, not unpacked into /tmp at every start.
set -- "$@" -Dcom.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI=$task_root/jni/libaws-lambda-jni.so
#if ($javaVersion == '25')
# That library is loaded from the class path: allowed, so the JVM prints no restricted-method warning.
set -- "$@" --enable-native-access=ALL-UNNAMED
#end
#if ($framework == 'springboot')
# Ours: the application context as Spring AOT prepared it at build (process-aot).
set -- "$@" -Dspring.aot.enabled=true
#end

if [ "$mode" = "--train" ]; then
  # At image build (a RUN step): the runtime interface client runs the CMD handler over the sample
  # events (StartupTraining), as in Lambda, and the JVM writes the archive as it exits, so the archive
  # holds what a cold start loads, the client's own classes too. It fits only the JVM build that made
  # it, which is why it is made inside the image.
  # The client polls the training's own Runtime API, on a loopback address made of this shell's
  # process id: trainings side by side in one network namespace (the container contract replays RUN
  # steps on its host) are processes of one PID namespace too, so no two get the same address. RUN
  # steps sharing a network but not PIDs (docker build --network=host) may meet on one: the training
  # then exits with 75 and the next port is tried.
  pid=$$
  address=127.$(( pid >> 16 & 255 )).$(( pid >> 8 & 255 )).$(( pid & 255 ))
  # What Lambda gives the function: its memory, and the log format of template.yaml's LoggingConfig.
  export AWS_LAMBDA_FUNCTION_MEMORY_SIZE=$memory_mb
  export AWS_LAMBDA_LOG_FORMAT=${dollar}{AWS_LAMBDA_LOG_FORMAT:-JSON}
#if ($managedInstances == 'true')
  # The client's loop of managed instances, one runtime thread per invocation in flight. Any number
  # above 1 trains it (the same classes run whatever the number); Lambda sets the real one from
  # template.yaml's PerExecutionEnvironmentMaxConcurrency.
  export AWS_LAMBDA_MAX_CONCURRENCY=${dollar}{AWS_LAMBDA_MAX_CONCURRENCY:-16}
#end
  for port in 9001 9002 9003 9004 9005; do
    status=0
    AWS_LAMBDA_RUNTIME_API=$address:$port java "$@" "$write_archive" -cp "$task_root/lib/*" \
      ${package}.StartupTraining "$task_root/training-events" || status=$?
    [ "$status" -eq 75 ] || exit "$status"
  done
  log_warning "no free port for the training's Runtime API on $address (tried 9001 to 9005)"
  exit 75
fi

# Class sharing the user chose in JAVA_TOOL_OPTIONS (-Xshare:off, an archive of their own) cannot be
# combined with the image's archive (JDK 25 refuses to start; 17 and 21 drop one silently). Theirs wins.
case " ${dollar}{JAVA_TOOL_OPTIONS:-} " in
  *" -Xshare:"* | *" -XX:SharedArchiveFile="* | *" -XX:ArchiveClassesAtExit="* | *" -XX:+AutoCreateSharedArchive"* \
  | *" -XX:SharedClassListFile="* | *" -XX:DumpLoadedClassList="* | *" -XX:AOT"*)
    log_warning "JAVA_TOOL_OPTIONS sets class data sharing of its own: starting without the image's class-data archive $archive" ;;
  *) set -- "$@" "$use_archive" ;;
esac
set -- "$@" -cp "$task_root/lib/*" com.amazonaws.services.lambda.runtime.api.client.AWSLambda "$mode"

# A wrapper script (AWS_LAMBDA_EXEC_WRAPPER) gets the runtime's whole command line, as in the
# managed runtimes, and is expected to exec it.
if [ -n "${dollar}{AWS_LAMBDA_EXEC_WRAPPER:-}" ]; then
  exec "$AWS_LAMBDA_EXEC_WRAPPER" java "$@"
fi
exec java "$@"
