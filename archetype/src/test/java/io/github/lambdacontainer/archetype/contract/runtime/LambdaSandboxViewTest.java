package io.github.lambdacontainer.archetype.contract.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** How the sandbox rewrites the paths a function is started with to its view of the work directory. */
class LambdaSandboxViewTest {

    private final LambdaSandbox.View view = new LambdaSandbox.View(Path.of("/tmp/ci check é/main/target/work-1"));

    @Test
    void pathsInTheWorkDirectoryBecomePathsUnderTheViewWhereverTheyStandInAWord() {
        assertEquals("/contract-work/rootfs/var/runtime/lib/a.jar:/contract-work/rootfs/var/runtime/lib/b.jar",
                view.rewrite("/tmp/ci check é/main/target/work-1/rootfs/var/runtime/lib/a.jar:"
                        + "/tmp/ci check é/main/target/work-1/rootfs/var/runtime/lib/b.jar"));
        assertEquals("-XX:+TieredCompilation -Xlog:gc=info:file=/contract-work/run/jvm-logs/gc.log",
                view.rewrite("-XX:+TieredCompilation -Xlog:gc=info:file=/tmp/ci check é/main/target/work-1/run/jvm-logs/gc.log"));
        assertEquals("/contract-work", view.rewrite("/tmp/ci check é/main/target/work-1"));
    }

    @Test
    void aSiblingWhoseNameStartsWithTheWorkDirectorysIsLeftAlone() {
        assertEquals("/tmp/ci check é/main/target/work-1-image/rootfs",
                view.rewrite("/tmp/ci check é/main/target/work-1-image/rootfs"));
    }

    @Test
    void aDirectoryOutsideTheWorkDirectoryIsRefusedNamingBoth() {
        assertEquals("/contract-work/run/usr-local-bin", view.of(Path.of("/tmp/ci check é/main/target/work-1/run/usr-local-bin")));
        AssertionError outside = assertThrows(AssertionError.class, () -> view.of(Path.of("/tmp/ci check é/main/target/logs")));
        assertTrue(outside.getMessage().startsWith("/tmp/ci check é/main/target/logs is outside the work directory "
                + "/tmp/ci check é/main/target/work-1"), outside.getMessage());
    }
}
