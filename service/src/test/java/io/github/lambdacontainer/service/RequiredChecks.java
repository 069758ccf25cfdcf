package io.github.lambdacontainer.service;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;

/**
 * A check that cannot run here is skipped with the reason, unless the build names it in the system
 * property required.checks (comma-separated; .ci/run passes it): then it fails with that reason.
 */
final class RequiredChecks {

    private RequiredChecks() {}

    static void requireOrSkip(String check, boolean runnable, String reason) {
        if (runnable) {
            return;
        }
        boolean required = Arrays.stream(System.getProperty("required.checks", "").split(","))
                .map(String::trim).anyMatch(check::equals);
        if (required) {
            fail("required check '" + check + "' cannot run: " + reason);
        }
        assumeTrue(false, "skipped: " + reason);
    }
}
